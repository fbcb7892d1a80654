/**
 * Validators for every value that crosses a boundary: from `unknown` to a
 * typed value, or to a `FieldError` that names the field, says what was
 * expected and what was received. The same rules serve the Worker (checkout
 * input), the widget (attributes) and the sandbox (the fields CinetPay checks).
 */

import { err, ok, type Result } from '../result';
import { parseTransDate } from './dates';
import { CURRENCIES, type Currency, LANGUAGES, type Language, RETURN_MODES, type ReturnMode } from './wire';

/** The guide's minimum: "en entier, minimum 5". XOF/CFA has no minor unit. */
export const MIN_AMOUNT = 5;
/** Far above any mobile-money wallet's ceiling; anything larger is a mistake or an attack. */
export const MAX_AMOUNT = 100_000_000;
export const MAX_DESIGNATION_LENGTH = 255;
export const MAX_CUSTOM_LENGTH = 255;

export type FieldErrorCode =
  | 'MISSING_FIELD'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_TOO_LOW'
  | 'AMOUNT_TOO_HIGH'
  | 'INVALID_CURRENCY'
  | 'INVALID_SITE_ID'
  | 'INVALID_TRANS_ID'
  | 'INVALID_TRANS_DATE'
  | 'INVALID_LANGUAGE'
  | 'INVALID_DESIGNATION'
  | 'INVALID_CUSTOM'
  | 'INVALID_PHONE'
  | 'INVALID_PHONE_PREFIX'
  | 'INVALID_RETURN_MODE';

/**
 * Why an amount was refused, so that the sandbox can answer with the code the
 * real service uses: `type` (not a whole number, 611), `format` (not a number,
 * 628), `too_low` (641), `too_high`.
 */
export type AmountProblem = 'type' | 'format' | 'too_low' | 'too_high';

export interface FieldError {
  readonly code: FieldErrorCode;
  readonly field: string;
  /** What the field should hold, without the received value: safe to show for a setting. */
  readonly expected: string;
  readonly message: string;
  readonly amountProblem?: AmountProblem;
}

export type Validated<T> = Result<T, FieldError>;

/** Shows a received value in a message: quoted, cut short, never more than 40 characters of it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(shown)} (a string)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(
  code: FieldErrorCode,
  field: string,
  expected: string,
  value: unknown,
  amountProblem?: AmountProblem,
): { readonly ok: false; readonly error: FieldError } {
  const message = `Invalid ${field}: expected ${expected}, got ${describeValue(value)}`;
  return err(amountProblem ? { code, field, expected, message, amountProblem } : { code, field, expected, message });
}

function checkAmountRange(amount: number, field: string, value: unknown): Validated<number> {
  if (amount < MIN_AMOUNT) return fail('AMOUNT_TOO_LOW', field, `an integer >= ${MIN_AMOUNT}`, value, 'too_low');
  if (amount > MAX_AMOUNT) return fail('AMOUNT_TOO_HIGH', field, `an integer <= ${MAX_AMOUNT}`, value, 'too_high');
  return ok(amount);
}

/** An amount from JSON: a number that is a whole number of francs, 5 or more. A numeric string is refused. */
export function validateAmount(value: unknown, field = 'amount'): Validated<number> {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail('INVALID_AMOUNT', field, `an integer >= ${MIN_AMOUNT}`, value, 'format');
  }
  if (!Number.isInteger(value)) return fail('INVALID_AMOUNT', field, `an integer >= ${MIN_AMOUNT}`, value, 'type');
  return checkAmountRange(value, field, value);
}

/** An amount from the wire, where every number is a string: digits only (`"100"`). */
export function parseWireAmount(value: unknown, field = 'cpm_amount'): Validated<number> {
  if (typeof value !== 'string' || value === '') return fail('INVALID_AMOUNT', field, `an integer >= ${MIN_AMOUNT}`, value, 'format');
  if (/^\d+[.,]\d+$/.test(value)) return fail('INVALID_AMOUNT', field, `an integer >= ${MIN_AMOUNT}`, value, 'type');
  if (!/^\d{1,15}$/.test(value)) return fail('INVALID_AMOUNT', field, `an integer >= ${MIN_AMOUNT}`, value, 'format');
  return checkAmountRange(Number(value), field, value);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

export function validateCurrency(value: unknown, field = 'currency'): Validated<Currency> {
  return oneOf(CURRENCIES, value) ? ok(value) : fail('INVALID_CURRENCY', field, `one of ${CURRENCIES.join(', ')}`, value);
}

export function validateLanguage(value: unknown, field = 'lang'): Validated<Language> {
  return oneOf(LANGUAGES, value) ? ok(value) : fail('INVALID_LANGUAGE', field, `one of ${LANGUAGES.join(', ')}`, value);
}

export function validateReturnMode(value: unknown, field = 'cpm_return_mode'): Validated<ReturnMode> {
  return oneOf(RETURN_MODES, value) ? ok(value) : fail('INVALID_RETURN_MODE', field, `one of ${RETURN_MODES.join(', ')}`, value);
}

/** A string that `pattern` matches, or a `code` refusal that says what was `expected`. */
export function validateMatching(code: FieldErrorCode, pattern: RegExp, expected: string, value: unknown, field: string): Validated<string> {
  return typeof value === 'string' && pattern.test(value) ? ok(value) : fail(code, field, expected, value);
}

/** A CinetPay site id: digits, as the back office shows it (`"296911"`). */
export function validateSiteId(value: unknown, field = 'cpm_site_id'): Validated<string> {
  return validateMatching('INVALID_SITE_ID', /^\d{1,16}$/, '1 to 16 digits', value, field);
}

/** The payer's number without its country prefix (`"01020304"`). */
export function validatePhone(value: unknown, field = 'cel_phone_num'): Validated<string> {
  return validateMatching('INVALID_PHONE', /^\d{6,15}$/, '6 to 15 digits', value, field);
}

/** A country calling code without `+` (`"225"`). */
export function validatePhonePrefix(value: unknown, field = 'cpm_phone_prefix'): Validated<string> {
  return validateMatching('INVALID_PHONE_PREFIX', /^[1-9]\d{0,3}$/, '1 to 4 digits, no leading zero', value, field);
}

/** `YYYY-MM-DD HH:MM:SS`, UTC, a real instant. */
export function validateTransDate(value: unknown, field = 'cpm_trans_date'): Validated<string> {
  return typeof value === 'string' && parseTransDate(value) ? ok(value) : fail('INVALID_TRANS_DATE', field, 'a UTC date "YYYY-MM-DD HH:MM:SS"', value);
}

/**
 * Characters a designation or custom field may not hold: control characters
 * (C0, DEL, C1), line and paragraph separators, and every format character
 * (general category Cf). Format characters are invisible: bidirectional
 * controls make a designation read otherwise on the payment page than it was
 * signed (U+202E turns `001` into `100`; U+2066 and U+061C do the same
 * quietly), and zero-width ones (U+200B, U+FEFF, the soft hyphen U+00AD) make
 * two texts that look alike differ. This also refuses the zero-width joiner
 * (U+200D) of composed emoji; single emoji and country flags pass.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** `U+200B`: how the Unicode standard names a code point. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first character of `text` that {@link isPrintableText} refuses, named
 * as `U+XXXX` (a lone surrogate by its UTF-16 unit), or `undefined` if there
 * is none.
 */
export function unprintableCharacter(text: string): string | undefined {
  // `for...of` walks code points and yields a lone surrogate on its own.
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || UNPRINTABLE.test(char)) return codePointName(codePoint);
  }
  return undefined;
}

/**
 * True for text a person can read and every system can carry: no control
 * characters, no line or paragraph separators, no invisible format
 * characters (Unicode category Cf, bidirectional controls included) and no
 * lone surrogates (which no encoding round-trips).
 */
export function isPrintableText(text: string): boolean {
  return unprintableCharacter(text) === undefined;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function text(code: FieldErrorCode, value: unknown, field: string, min: number, max: number): Validated<string> {
  const expected = `${min > 0 ? 'a non-empty' : 'a'} text of at most ${max} characters, without control characters or invisible format characters`;
  if (typeof value !== 'string') return fail(code, field, expected, value);
  const unprintable = unprintableCharacter(value);
  if (unprintable !== undefined) {
    // Named by code point: the message quotes the value, where such a character is invisible or cut off.
    const refused = fail(code, field, expected, value);
    return err({ ...refused.error, message: `${refused.error.message}, which holds ${unprintable}` });
  }
  const length = codePoints(value);
  if (length < min || length > max || (min > 0 && value.trim() === '')) return fail(code, field, expected, value);
  return ok(value);
}

/** What the customer buys, shown on the hosted page. */
export function validateDesignation(value: unknown, field = 'designation'): Validated<string> {
  return text('INVALID_DESIGNATION', value, field, 1, MAX_DESIGNATION_LENGTH);
}

/** The merchant's own free field, returned untouched by CinetPay; may be empty. */
export function validateCustom(value: unknown, field = 'custom'): Validated<string> {
  return text('INVALID_CUSTOM', value, field, 0, MAX_CUSTOM_LENGTH);
}
