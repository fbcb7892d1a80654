/**
 * What every route handler receives and returns: the request with its path
 * parameters, the bindings and the validated configuration, and a `Reply`
 * value (never a `Response`: see reply.ts).
 */

import type { Config } from './config';
import type { Reply } from './reply';

/** The request as the router hands it over, with `:name` path parameters. */
export type RouteRequest = Request & { readonly params: Readonly<Record<string, string | undefined>> };

export interface RouteContext {
  readonly env: Env;
  readonly config: Config;
}

export type Handler = (request: RouteRequest, context: RouteContext) => Reply | Promise<Reply>;
