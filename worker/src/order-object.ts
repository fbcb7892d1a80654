import { DurableObject } from 'cloudflare:workers';
export class Order extends DurableObject<Env> {}
