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

const TRANS_DATE = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})$/;
const STATUS_DATE = /^(?<day>\d{2})(?<month>\d{2})(?<year>\d{4})(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})$/;
const HISTORY_DATE = /^(?<day>\d{2})-(?<month>\d{2})-(?<year>\d{4})$/;
const ISO_DAY = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/;

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

/** The instant the named groups of `pattern` read in `text` (a missing time is midnight); `undefined` if malformed or not a real instant. */
function parseWith(pattern: RegExp, text: string): Date | undefined {
  const groups = pattern.exec(text)?.groups;
  if (!groups) return undefined;
  const part = (name: keyof Parts): number => Number(groups[name] ?? 0);
  return toDate({ year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') });
}

/** The UTC fields of `date`, zero-padded to the widths every format uses. */
function padded(date: Date): Readonly<Record<keyof Parts, string>> {
  return {
    year: pad(date.getUTCFullYear(), 4),
    month: pad(date.getUTCMonth() + 1, 2),
    day: pad(date.getUTCDate(), 2),
    hour: pad(date.getUTCHours(), 2),
    minute: pad(date.getUTCMinutes(), 2),
    second: pad(date.getUTCSeconds(), 2),
  };
}

/** `2017-04-09 15:45:22`: the form's `cpm_trans_date`, UTC. */
export function formatTransDate(date: Date): string {
  const { year, month, day, hour, minute, second } = padded(date);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** Parses `YYYY-MM-DD HH:MM:SS` (UTC); `undefined` if malformed or not a real instant. */
export function parseTransDate(text: string): Date | undefined {
  return parseWith(TRANS_DATE, text);
}

/** `04092017140045`: `checkPayStatus`'s `cpm_trans_date`. */
export function formatStatusDate(date: Date): string {
  const { year, month, day, hour, minute, second } = padded(date);
  return `${day}${month}${year}${hour}${minute}${second}`;
}

/** Parses `ddmmyyyyHHMMSS`; `undefined` if malformed or not a real instant. */
export function parseStatusDate(text: string): Date | undefined {
  return parseWith(STATUS_DATE, text);
}

/** `05-07-2015`: a day as the history filters take it. */
export function formatHistoryDate(date: Date): string {
  const { year, month, day } = padded(date);
  return `${day}-${month}-${year}`;
}

/** Parses `jj-mm-aaaa` to midnight UTC of that day; `undefined` if malformed. */
export function parseHistoryDate(text: string): Date | undefined {
  return parseWith(HISTORY_DATE, text);
}

/** Converts an ISO day (`2015-07-05`) to the history format (`05-07-2015`); `undefined` if malformed. */
export function isoDayToHistoryDate(text: string): string | undefined {
  const date = parseWith(ISO_DAY, text);
  return date ? formatHistoryDate(date) : undefined;
}
