/**
 * The three date formats of CinetPay v1, all in UTC: the payment form's
 * `YYYY-MM-DD HH:MM:SS`, `checkPayStatus`'s `ddmmyyyyHHMMSS`, and the history
 * filters' `jj-mm-aaaa`. Parsing is strict: a date that does not exist on the
 * calendar (31 February, hour 24) is refused, not rolled over.
 */

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const TRANS_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const STATUS_DATE = /^(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})(\d{2})$/;
const HISTORY_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function toDate(parts: Parts): Date | undefined {
  const { year, month, day, hour, minute, second } = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return same && year >= 1970 ? date : undefined;
}

function numbers(match: RegExpExecArray): number[] {
  return match.slice(1).map(Number);
}

/** `2017-04-09 15:45:22`: the form's `cpm_trans_date`, UTC. */
export function formatTransDate(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  );
}

/** Parses `YYYY-MM-DD HH:MM:SS` (UTC); `undefined` if malformed or not a real instant. */
export function parseTransDate(text: string): Date | undefined {
  const match = TRANS_DATE.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = numbers(match);
  return toDate({ year, month, day, hour, minute, second });
}

/** `04092017140045`: `checkPayStatus`'s `cpm_trans_date`. */
export function formatStatusDate(date: Date): string {
  return (
    `${pad(date.getUTCDate(), 2)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCFullYear(), 4)}` +
    `${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}`
  );
}

/** Parses `ddmmyyyyHHMMSS`; `undefined` if malformed or not a real instant. */
export function parseStatusDate(text: string): Date | undefined {
  const match = STATUS_DATE.exec(text);
  if (!match) return undefined;
  const [day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0] = numbers(match);
  return toDate({ year, month, day, hour, minute, second });
}

/** `05-07-2015`: a day as the history filters take it. */
export function formatHistoryDate(date: Date): string {
  return `${pad(date.getUTCDate(), 2)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCFullYear(), 4)}`;
}

/** Parses `jj-mm-aaaa` to midnight UTC of that day; `undefined` if malformed. */
export function parseHistoryDate(text: string): Date | undefined {
  const match = HISTORY_DATE.exec(text);
  if (!match) return undefined;
  const [day = 0, month = 0, year = 0] = numbers(match);
  return toDate({ year, month, day, hour: 0, minute: 0, second: 0 });
}

/** Converts an ISO day (`2015-07-05`) to the history format (`05-07-2015`); `undefined` if malformed. */
export function isoDayToHistoryDate(text: string): string | undefined {
  const match = ISO_DAY.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0] = numbers(match);
  const date = toDate({ year, month, day, hour: 0, minute: 0, second: 0 });
  return date ? formatHistoryDate(date) : undefined;
}
