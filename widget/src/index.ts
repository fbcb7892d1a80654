/**
 * The package's side-effect-free entry: the element classes, their events
 * and types. Nothing is registered: import `define` for that, or call
 * `customElements.define()` with a tag of your own.
 */

export { CinetpayButtonElement } from './cinetpay-button';
export { CinetpayStatusElement } from './cinetpay-status';
export {
  CinetpayCheckoutEvent, CinetpayErrorEvent, CinetpayStatusEvent,
  type CinetpayCheckoutDetail, type CinetpayErrorDetail, type CinetpayStatusDetail, type DisplayStatus,
} from './events';
export type { ErrorCode, WidgetErrorCode } from './api';
export { formatAmount } from './format';
