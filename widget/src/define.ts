/**
 * Registers `<cinetpay-button>` and `<cinetpay-status>`: the only module of
 * the npm package with a side effect. Importing it twice, or after another
 * copy of the widget registered the tags, does nothing.
 */

import { CinetpayButtonElement } from './cinetpay-button';
import { CinetpayStatusElement } from './cinetpay-status';
import { defineOnce } from './define-once';

/** Defines both tags if they are free; safe to call more than once. */
export function defineCinetpayElements(registry: CustomElementRegistry = customElements): void {
  defineOnce('cinetpay-button', CinetpayButtonElement, registry);
  defineOnce('cinetpay-status', CinetpayStatusElement, registry);
}

defineCinetpayElements();

declare global {
  interface HTMLElementTagNameMap {
    'cinetpay-button': CinetpayButtonElement;
    'cinetpay-status': CinetpayStatusElement;
  }
}
