/**
 * How amounts and languages read to a person, wherever they are shown: the
 * widget's elements, the Worker's receipts and paid-order notices. Amounts
 * are whole francs CFA; they are grouped by hand rather than through `Intl`,
 * whose French grouping character differs between browsers and ICU versions
 * (U+00A0 in some, U+202F in others). We always use U+202F NARROW NO-BREAK
 * SPACE, so that `5 000 F CFA` never wraps inside and reads the same everywhere.
 */

import { LANGUAGES, type Language } from './cinetpay/wire';

/** U+202F NARROW NO-BREAK SPACE: the French thousands separator, and the space inside `F CFA`. */
export const NARROW_NBSP = '\u202f';

/** The symbol customers read for a currency code: `CFA` reads `F CFA`. */
function currencySymbol(currency: string): string {
  return currency === 'CFA' ? `F${NARROW_NBSP}CFA` : currency;
}

/**
 * `5000, 'CFA', 'fr'` -> `5 000 F CFA`; `5000, 'CFA', 'en'` -> `5,000 F CFA`.
 * Every space is U+202F.
 */
export function formatAmount(amount: number, currency: string, lang: Language): string {
  const digits = String(Math.trunc(Math.abs(amount)));
  const separator = lang === 'fr' ? NARROW_NBSP : ',';
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${amount < 0 ? '-' : ''}${grouped}${NARROW_NBSP}${currencySymbol(currency)}`;
}

/** `fr`, `fr-CI`, `EN-gb` -> a supported language, or undefined. */
export function supportedLanguage(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary);
}
