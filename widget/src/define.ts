/**
 * Registers `<cinetpay-button>` and `<cinetpay-status>`: the only module with
 * a side effect. Importing it twice, or after another copy of the widget
 * registered the tags, does nothing (a tag can be defined once per page).
 */

import { CinetpayButtonElement } from './cinetpay-button';
import { CinetpayStatusElement } from './cinetpay-status';

/** Defines both tags if they are free; safe to call more than once. */
export function defineCinetpayElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('cinetpay-button')) registry.define('cinetpay-button', CinetpayButtonElement);
  if (!registry.get('cinetpay-status')) registry.define('cinetpay-status', CinetpayStatusElement);
}

defineCinetpayElements();

declare global {
  interface HTMLElementTagNameMap {
    'cinetpay-button': CinetpayButtonElement;
    'cinetpay-status': CinetpayStatusElement;
  }
}
