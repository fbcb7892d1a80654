/**
 * What every route handler receives besides the request: the bindings and
 * the validated configuration.
 */

import type { Config } from './config';

export interface RouteContext {
  readonly env: Env;
  readonly config: Config;
}

/** The Durable Object stub of one order. */
export function orderStub(env: Env, transId: string): DurableObjectStub<import('./order-object').Order> {
  return env.ORDERS.get(env.ORDERS.idFromName(transId));
}
