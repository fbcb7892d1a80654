import { DurableObject } from 'cloudflare:workers';
export class SandboxState extends DurableObject<SandboxEnv> {}
