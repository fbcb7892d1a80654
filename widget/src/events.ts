/**
 * The typed events both elements fire, registered in
 * `GlobalEventHandlersEventMap` so that `addEventListener('cinetpay-error', e => e.detail.code)`
 * type-checks. All bubble and cross the shadow boundary (`composed`), so a
 * page can listen on `document`. Only `cinetpay-checkout` is cancelable.
 */

import type { OrderStatus, PublicOrder } from '../../shared/api/contract';
import type { ErrorCode } from './api';

/** What every event of both elements is: bubbling, composed, with a typed `detail`. */
export class CinetpayEvent<Detail> extends Event {
  readonly detail: Detail;

  constructor(type: string, detail: Detail, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}

export interface CinetpayCheckoutDetail {
  /** The `cpm_trans_id` the Worker created; the return page will show it. */
  readonly transId: string;
}

/**
 * Fired after the Worker created the order and just before the page leaves
 * for the hosted payment page. Cancelable: `preventDefault()` keeps the
 * customer on the page (the order stays PENDING and expires unpaid).
 */
export class CinetpayCheckoutEvent extends CinetpayEvent<CinetpayCheckoutDetail> {
  static readonly type = 'cinetpay-checkout';

  constructor(detail: CinetpayCheckoutDetail) {
    super(CinetpayCheckoutEvent.type, detail, true);
  }
}

export interface CinetpayErrorDetail {
  /** Stable machine code: the Worker's (`UNKNOWN_PRODUCT`), CinetPay's (`CINETPAY_609_AUTH_NOT_FOUND`), `NETWORK_ERROR`, ... */
  readonly code: ErrorCode;
  /** What the customer reads, in the element's language. */
  readonly message: string;
  /** The HTTP status, 0 when no answer came (or the error was found before any request). */
  readonly status: number;
}

/** The payment could not start; the button is usable again. */
export class CinetpayErrorEvent extends CinetpayEvent<CinetpayErrorDetail> {
  static readonly type = 'cinetpay-error';

  constructor(detail: CinetpayErrorDetail) {
    super(CinetpayErrorEvent.type, detail);
  }
}

/**
 * What `<cinetpay-status>` shows: an order status, or `CHECKING` (no answer
 * yet), `NOT_FOUND` (no such order, or no `trans_id` to look up),
 * `UNREACHABLE` (the Worker has not answered for a while; polling goes on).
 */
export type DisplayStatus = OrderStatus | 'CHECKING' | 'NOT_FOUND' | 'UNREACHABLE';

export interface CinetpayStatusDetail {
  readonly status: DisplayStatus;
  /** The order as the Worker last described it, or null. */
  readonly order: PublicOrder | null;
}

/** The displayed status changed. */
export class CinetpayStatusEvent extends CinetpayEvent<CinetpayStatusDetail> {
  static readonly type = 'cinetpay-status';

  constructor(detail: CinetpayStatusDetail) {
    super(CinetpayStatusEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cinetpay-checkout': CinetpayCheckoutEvent;
    'cinetpay-error': CinetpayErrorEvent;
    'cinetpay-status': CinetpayStatusEvent;
  }
}
