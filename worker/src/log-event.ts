/**
 * The Worker's log lines: one JSON object per state change or error, named
 * by `event`, so that `wrangler tail` and Logpush can filter on it. Callers
 * pass ids, codes and names only: never a secret, a token or a payer's phone.
 */

export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

export type LogLevel = 'info' | 'warn' | 'error';

export function logEvent(event: string, fields: LogFields = {}, level: LogLevel = 'info'): void {
  const line = JSON.stringify({ event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
