/**
 * `GET /healthz`: 200 when every setting is valid; 503 with the problems by
 * setting name otherwise. Values are never shown: some are secrets.
 */

import { apiError } from '../api-error';
import { readConfig } from '../config';
import { failure, json, type Reply } from '../reply';

export function healthz(_request: Request, env: Env): Reply {
  const config = readConfig(env);
  if (config.ok) return json({ status: 'ok' });
  const settings = config.error.map((problem) => problem.setting).join(', ');
  return failure(apiError('CONFIGURATION_ERROR', `Misconfigured settings: ${settings}`), { problems: config.error });
}
