/**
 * The return page's drop-in script (`cinetpay-status.js`, and its classic
 * `<script src>` twin): registers `<cinetpay-status>` alone, with nothing of
 * `<cinetpay-button>`, and exposes its class and event.
 */

import { CinetpayStatusElement } from '../cinetpay-status';
import { defineOnce } from '../define-once';

defineOnce('cinetpay-status', CinetpayStatusElement);

export { CinetpayStatusEvent } from '../events';
export { CinetpayStatusElement };

declare global {
  interface HTMLElementTagNameMap {
    'cinetpay-status': CinetpayStatusElement;
  }
}
