/**
 * Money and time as the console writes them. Amounts are whole francs CFA,
 * grouped by hand with U+202F (as the widget does: `Intl`'s French grouping
 * character differs between browsers); times are the merchant's local time.
 */

import type { Lang } from './texts';

const NARROW_NBSP = '\u202f';

/** `"5000"` -> `5 000` in French, `5,000` in English. */
function grouped(digits: string, lang: Lang): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? NARROW_NBSP : ',');
}

function currencySuffix(currency: string): string {
  return `${NARROW_NBSP}${currency === 'CFA' ? `F${NARROW_NBSP}CFA` : currency}`;
}

/** `5000, 'CFA', 'fr'` -> `5 000 F CFA`; in English `5,000 F CFA`. */
export function formatAmount(amount: number, currency: string, lang: Lang): string {
  return `${grouped(String(Math.trunc(amount)), lang)}${currencySuffix(currency)}`;
}

/**
 * A balance as CinetPay reports it, a decimal string (`"865.4"`: fees leave
 * fractions of a franc), written like an amount, the fraction after the
 * language's decimal mark: `865,4 F CFA`, `12 000 F CFA`. Anything else is
 * shown as received.
 */
export function formatBalance(solde: string, lang: Lang): string {
  const parts = /^(-?)(\d+)(?:\.(\d+))?$/.exec(solde.trim());
  if (!parts) return solde;
  const [, sign = '', whole = '0', fraction] = parts;
  const decimals = fraction === undefined ? '' : `${lang === 'fr' ? ',' : '.'}${fraction}`;
  return `${sign}${grouped(whole, lang)}${decimals}${currencySuffix('CFA')}`;
}

/** An ISO instant as a short local date and time. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

/** `2026-11-27` as `27/11` (fr) or `27 Nov` (en), for the chart's axis. */
export function formatDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A ratio from 0 to 1 as a whole percentage. */
export function formatPercent(ratio: number, lang: Lang): string {
  return `${Math.round(ratio * 100)}${lang === 'fr' ? `${NARROW_NBSP}%` : '%'}`;
}
