/**
 * Money and language helpers shared by both elements: the formatting itself
 * is shared with the Worker's receipts and notices (shared/format.ts); the
 * element's own language comes from its attributes here.
 */

import { DEFAULT_LANGUAGE, type Language } from '../../shared/cinetpay/wire';
import { supportedLanguage } from '../../shared/format';

export { formatAmount, NARROW_NBSP, supportedLanguage } from '../../shared/format';

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
