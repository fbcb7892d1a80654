/**
 * The origins `npm start` adds to the Worker's `ALLOWED_ORIGINS`, read from
 * the same-named environment variable: comma-separated origins of sites that
 * show the button from another dev server (Hugo on :1313, Vite on :5173…).
 * An origin is a scheme, a host and a port, nothing else: the browser sends
 * exactly that in `Origin`, so a path or a typo would silently never match.
 */

import { err, ok, type Result } from '../shared/result';

/** The origins listed in `value` (unset or empty: none), or a message that names the first bad one. */
export function extraOriginsFromEnvironment(value: string | undefined): Result<readonly string[], string> {
  const origins: string[] = [];
  for (const item of (value ?? '').split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const origin = URL.canParse(item) ? new URL(item).origin : 'null';
    // A trailing slash is what a browser's address bar shows: accept it, since it names the same origin.
    if (origin === 'null' || !/^https?:$/.test(new URL(origin).protocol) || (item !== origin && item !== `${origin}/`)) {
      return err(`ALLOWED_ORIGINS: ${JSON.stringify(item)} is not an origin; write the scheme, host and port only, like http://localhost:1313`);
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return ok(origins);
}
