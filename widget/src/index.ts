/**
 * The package's side-effect-free entry: the element classes, their events
 * and types. Nothing is registered: import `define` for that, or call
 * `customElements.define()` with a tag of your own.
 */

export type { ErrorCode, WidgetErrorCode } from './api';
export { CinetpayButtonElement } from './cinetpay-button';
export { CinetpayStatusElement } from './cinetpay-status';
export {
  type CinetpayCheckoutDetail,
  CinetpayCheckoutEvent,
  type CinetpayErrorDetail,
  CinetpayErrorEvent,
  type CinetpayStatusDetail,
  CinetpayStatusEvent,
  type DisplayStatus,
} from './events';
export { formatAmount } from './format';
