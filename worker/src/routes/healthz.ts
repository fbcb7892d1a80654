/**
 * `GET /healthz`: 200 when every setting is valid; 503 with the problems by
 * setting name otherwise. Values are never shown: some are secrets.
 */

import type { ConfigProblem } from '../config';

export function healthy(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}

export function misconfigured(problems: readonly ConfigProblem[]): Response {
  const settings = problems.map((problem) => problem.setting).join(', ');
  return Response.json(
    { error: { code: 'CONFIGURATION_ERROR', message: `Misconfigured settings: ${settings}` }, problems },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
}
