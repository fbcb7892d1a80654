/**
 * Turns the route table into a router. For each path it answers the table's
 * methods, HEAD like GET without a body, OPTIONS as the path's CORS policy
 * says (a preflight for `shop` and `public`, 405 for `none`; a page on a
 * foreign origin reads its `FORBIDDEN_ORIGIN` refusal, see cors.ts), 405 with
 * `Allow` for any other method, and 404 for unknown paths. Configuration and
 * admin checks run here, before any handler; under /admin/, a request with
 * no admin credential gets 401 even for a path or method that does not
 * exist, so that probing without one maps nothing; an exception becomes a 500
 * whose log line names the failure, never a stack trace in the answer.
 */

import { type IRequest, Router } from 'itty-router';
import { adminCredential, fromOwnOrigin } from './admin-auth';
import { apiError } from './api-error';
import { type Config, readConfig } from './config';
import { preflightHeaders, refusedOrigin } from './cors';
import { logEvent } from './log-event';
import { type CorsPolicy, failure, policyHeaders, type Reply, toResponse } from './reply';
import { requestLanguage } from './request-language';
import type { RouteRequest } from './route-context';
import { ROUTES, type Route } from './routes';

type Method = Route['method'] | 'HEAD' | 'OPTIONS';
type Settings = ReturnType<typeof readConfig>;

/** The methods a path answers, for `Allow` and preflights. */
function allowed(routes: readonly Route[], cors: CorsPolicy): string {
  const methods: Method[] = routes.map((route) => route.method);
  if (methods.includes('GET')) methods.push('HEAD');
  if (cors !== 'none') methods.push('OPTIONS');
  return methods.join(', ');
}

function unauthorized(): Reply {
  return failure(apiError('UNAUTHORIZED', 'Send Authorization: Bearer <ADMIN_TOKEN>, or sign in at /admin/'));
}

async function hasAdminCredential(request: Request, env: Env, config: Config | null): Promise<boolean> {
  return config !== null && (await adminCredential(request, config.adminToken, env.ORDER_DB)) !== null;
}

async function run(route: Route, request: RouteRequest, env: Env, settings: Settings): Promise<Reply> {
  if ('unconfigured' in route) return route.unconfigured(request, env);
  if (!settings.ok) {
    const names = settings.error.map((problem) => problem.setting).join(', ');
    logEvent('misconfigured', { settings: names }, 'error');
    return failure(apiError('CONFIGURATION_ERROR', `Misconfigured settings: ${names}; see /healthz`));
  }
  const config = settings.value;
  if (route.auth === 'admin') {
    const credential = await adminCredential(request, config.adminToken, env.ORDER_DB);
    if (credential === null) return unauthorized();
    // A cookie goes along with any request the browser makes, even one another site starts: acting on it needs our own origin.
    if (credential === 'session' && route.method !== 'GET' && !fromOwnOrigin(request, config.publicUrl)) {
      return failure(apiError('FORBIDDEN_ORIGIN', 'A signed-in console acts only from this Worker’s own origin'));
    }
  }
  return route.handler(request, { env, config });
}

function preflight(request: Request, cors: CorsPolicy, config: Config | null, allow: string): Response {
  if (cors === 'public')
    return new Response(null, {
      status: 204,
      headers: { ...policyHeaders('public', request, config), 'access-control-allow-methods': allow, 'access-control-max-age': '600' },
    });
  const origin = request.headers.get('origin');
  if (!config || origin === null || !config.allowedOrigins.has(origin)) {
    return toResponse(failure(apiError('FORBIDDEN_ORIGIN', 'This origin is not in ALLOWED_ORIGINS')), { vary: 'Origin' }, requestLanguage(request));
  }
  return new Response(null, { status: 204, headers: preflightHeaders(request, config, allow) });
}

/**
 * A page on a foreign origin: its preflight passes, so that its request is
 * sent and its refusal read; the request itself is refused before any
 * handler runs, with nothing in the answer but the error.
 */
function refuseForeignOrigin(request: Request, origin: string, allow: string): Response {
  const cors = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'access-control-allow-methods': allow, 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' },
    });
  }
  // The widget logs this for the developer: it names the setting, and how to try the page locally.
  const message = `This page's origin is not in the Worker's ALLOWED_ORIGINS setting: add ${origin} to it (locally: ALLOWED_ORIGINS=${origin} npm start)`;
  const refusal = toResponse(failure(apiError('FORBIDDEN_ORIGIN', message)), cors, requestLanguage(request));
  return request.method === 'HEAD' ? new Response(null, refusal) : refusal;
}

/** One handler per path: picks the entry for the method, or derives HEAD, OPTIONS and 405. */
function pathHandler(routes: readonly Route[]) {
  const cors = routes[0]?.cors ?? 'none';
  const allow = allowed(routes, cors);
  return async (request: IRequest, env: Env): Promise<Response> => {
    const settings = readConfig(env);
    const config = settings.ok ? settings.value : null;
    const foreign = cors === 'shop' && config ? refusedOrigin(request, config) : null;
    if (foreign !== null) return refuseForeignOrigin(request, foreign, allow);
    if (request.method === 'OPTIONS' && cors !== 'none') return preflight(request, cors, config, allow);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = routes.find((entry) => entry.method === method);
    const headers = policyHeaders(cors, request, config);
    const lang = requestLanguage(request);
    if (!route) {
      // OPTIONS keeps its 405: a preflight never carries credentials, and the table's contract is that `none` paths refuse it.
      const guarded = request.method !== 'OPTIONS' && routes.some((entry) => entry.auth === 'admin');
      if (guarded && !(await hasAdminCredential(request, env, config))) return toResponse(unauthorized(), headers, lang);
      return toResponse(failure(apiError('METHOD_NOT_ALLOWED', `Use ${allow}`)), headers, lang, { allow });
    }
    const response = toResponse(await run(route, request as RouteRequest, env, settings), headers, lang);
    return request.method === 'HEAD' ? new Response(null, response) : response;
  };
}

function groupByPath(routes: readonly Route[]): Map<string, Route[]> {
  const paths = new Map<string, Route[]>();
  for (const route of routes) paths.set(route.path, [...(paths.get(route.path) ?? []), route]);
  return paths;
}

export const router = Router<IRequest, [Env]>({
  catch: (error, request) => {
    logEvent('unhandled', { error: error instanceof Error ? `${error.name}: ${error.message}` : 'error' }, 'error');
    return toResponse(failure(apiError('INTERNAL_ERROR', 'Something went wrong on our side; nothing was charged')), {}, requestLanguage(request));
  },
});

for (const [path, routes] of groupByPath(ROUTES)) router.all(path, pathHandler(routes));
router.all('*', async (request: IRequest, env: Env) => {
  const settings = readConfig(env);
  if (new URL(request.url).pathname.startsWith('/admin/') && !(await hasAdminCredential(request, env, settings.ok ? settings.value : null))) {
    return toResponse(unauthorized(), {}, requestLanguage(request));
  }
  return toResponse(failure(apiError('NOT_FOUND', 'No such route')), {}, requestLanguage(request));
});
