/**
 * Money and language helpers shared by both elements. Amounts are formatted
 * by shared/format-amount.ts, which the Worker's own pages use too, so a
 * price reads the same on the button and on a payment link.
 */

import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/cinetpay/wire';

export { formatAmount, NARROW_NBSP } from '../../shared/format-amount';

/** `fr`, `fr-CI`, `EN-gb` -> a supported language, or undefined. */
export function supportedLanguage(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary);
}

/**
 * The language an element speaks: its own `lang` attribute, else the
 * document's, else French (CinetPay's market).
 */
export function resolveLanguage(element: Element): Language {
  return (
    supportedLanguage(element.getAttribute('lang')) ??
    // ownerDocument is absent when a server renders the element (Lit SSR's DOM shim).
    supportedLanguage(element.ownerDocument?.documentElement?.getAttribute('lang')) ??
    DEFAULT_LANGUAGE
  );
}
