/**
 * The console's sign-in: `POST /admin/session` trades ADMIN_TOKEN for a
 * session cookie, `GET /admin/session` says whether this browser is signed in,
 * `DELETE /admin/session` signs out (the session ends in D1, not only in this browser). Sign-in and sign-out must come from the
 * Worker's own origin (no other site may sign the merchant in or out), and
 * every sign-in attempt counts against SIGNIN_LIMIT per client before the
 * token is even compared, so guessing ADMIN_TOKEN costs a minute per five
 * tries.
 */

import { fromOwnOrigin, sameToken } from '../admin-auth';
import { newSession, sessionCookie, sessionFromRequest, verifySession } from '../admin-session';
import { closeSession, openSession } from '../admin-session-store';
import { apiError } from '../api-error';
import { logEvent } from '../log-event';
import { overLimit } from '../rate-limit';
import { failure, json, jsonWithCookie, type Reply } from '../reply';
import { readJsonObject } from '../request-body';
import type { RouteContext } from '../route-context';

const MAX_SIGNIN_BODY_BYTES = 2_048;

/** `POST /admin/session` with `{"token":"<ADMIN_TOKEN>"}`: `{"expiresAt"}` and the cookie. */
export async function signIn(request: Request, { env, config }: RouteContext): Promise<Reply> {
  if (!fromOwnOrigin(request, config.publicUrl)) return failure(apiError('FORBIDDEN_ORIGIN', 'Sign in from the console on this Worker’s own origin'));
  if (await overLimit(env.SIGNIN_LIMIT, request, 'signin'))
    return failure(apiError('RATE_LIMITED', 'Too many sign-in attempts from this client; wait a minute'));
  const body = await readJsonObject(request, MAX_SIGNIN_BODY_BYTES, ['token']);
  if (!body.ok) return failure(body.error);
  const token = body.value['token'];
  if (typeof token !== 'string' || !(await sameToken(token, config.adminToken))) {
    logEvent('admin_signin_refused', { code: 'UNAUTHORIZED' }, 'warn');
    return failure(apiError('UNAUTHORIZED', 'This is not the ADMIN_TOKEN'));
  }
  const session = await newSession(config.adminToken);
  await openSession(env.ORDER_DB, session.id, session.expiresAtS);
  return jsonWithCookie({ signedIn: true, expiresAt: new Date(session.expiresAtS * 1000).toISOString() }, sessionCookie(request.url, session.value));
}

/** `GET /admin/session` (behind the admin check): the console asks before showing anything. */
export function sessionStatus(): Reply {
  return json({ signedIn: true });
}

/** `DELETE /admin/session`: ends the session (a copy of the cookie stops working too) and clears the cookie. */
export async function signOut(request: Request, { env, config }: RouteContext): Promise<Reply> {
  if (!fromOwnOrigin(request, config.publicUrl)) return failure(apiError('FORBIDDEN_ORIGIN', 'Sign out from the console on this Worker’s own origin'));
  const cookie = sessionFromRequest(request);
  const session = cookie === null ? null : await verifySession(config.adminToken, cookie);
  if (session) await closeSession(env.ORDER_DB, session.id);
  return jsonWithCookie({ signedIn: false }, sessionCookie(request.url, null));
}
