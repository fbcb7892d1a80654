/**
 * The shop page's drop-in script (`cinetpay-button.js`, and its classic
 * `<script src>` twin): registers `<cinetpay-button>` alone, with nothing of
 * `<cinetpay-status>`, and exposes its class and events.
 */

import { CinetpayButtonElement } from '../cinetpay-button';
import { defineOnce } from '../define-once';

defineOnce('cinetpay-button', CinetpayButtonElement);

export { CinetpayCheckoutEvent, CinetpayErrorEvent } from '../events';
export { CinetpayButtonElement };

declare global {
  interface HTMLElementTagNameMap {
    'cinetpay-button': CinetpayButtonElement;
  }
}
