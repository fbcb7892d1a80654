/**
 * An order as the `Order` Durable Object stores it, its history, and the
 * state machine: PENDING -> ACCEPTED | REFUSED | CANCELLED. ACCEPTED is final.
 * A REFUSED or CANCELLED order becomes ACCEPTED only on a verified payment
 * (the customer's money was taken: it must not be lost). Pending codes and
 * mismatches change nothing.
 */

import type { OrderKind as AdminOrderKind, DeliveryChannel } from '../../shared/api/admin';
import type { OrderStatus, PublicOrder } from '../../shared/api/contract';
import type { Currency, Language } from '../../shared/cinetpay/wire';
import type { ApiGeneration, Verdict } from './payment-provider';

/** What asked for a verification; `schedule` is the order's own re-check alarm (RECHECK_SCHEDULE). */
export type CheckSource = 'notify' | 'return' | 'cancel' | 'receipt' | 'schedule' | 'admin';

/** A catalog product, or an open amount (a donation) whose designation starts with the merchant's label. */
export type OrderKind = AdminOrderKind;

export interface OrderRecord {
  readonly transId: string;
  readonly status: OrderStatus;
  readonly kind: OrderKind;
  /** The catalog id, for `kind: 'product'`. */
  readonly productId: string | null;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
  readonly custom: string;
  readonly lang: Language;
  readonly phone: string | null;
  readonly phonePrefix: string | null;
  readonly signature: string;
  readonly siteId: string;
  /** The CinetPay API the order was created with, and is verified with for good (`v1` for orders older than v2). */
  readonly api: ApiGeneration;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly paidAt: string | null;
  readonly paymentMethod: string | null;
  readonly payId: string | null;
  /** The number CinetPay reports the payment came from, set with ACCEPTED. */
  readonly payerPhone: string | null;
  /** The last Annexe I code `checkPayStatus` reported. */
  readonly resultCode: string | null;
}

/** What a customer's receipt may show of an order: no signature, no phone number, no custom field. */
export type ReceiptOrder = Pick<
  OrderRecord,
  'transId' | 'status' | 'amount' | 'currency' | 'designation' | 'lang' | 'createdAt' | 'updatedAt' | 'paidAt' | 'paymentMethod' | 'payId'
>;

/** What checkout stores; the rest starts empty. */
export type NewOrder = Omit<OrderRecord, 'status' | 'updatedAt' | 'paidAt' | 'paymentMethod' | 'payId' | 'payerPhone' | 'resultCode'>;

export interface Transition {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly code: string | null;
  readonly source: CheckSource | 'checkout';
  readonly at: string;
}

/** A notification as received (known fields only) and what its verification concluded. */
export interface ReceivedNotification {
  readonly receivedAt: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly outcome: string;
}

/** One verification: `paid`, `pending 623`, `mismatch AMOUNT_MISMATCH`, `upstream timeout`, and what asked for it. */
export interface CheckEntry {
  readonly at: string;
  readonly source: CheckSource;
  readonly outcome: string;
}

export interface Delivery {
  readonly webhookId: string;
  readonly channel: DeliveryChannel;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** One line of the delivery log: an attempt and its result, or the merchant's request to send again. */
export interface DeliveryLogEntry {
  readonly webhookId: string;
  readonly channel: DeliveryChannel;
  readonly at: string;
  readonly event: 'attempt' | 'resend';
  readonly attempt: number | null;
  readonly status: number | null;
  readonly error: string | null;
}

/** Everything the object holds, for the admin API. */
export interface OrderSnapshot {
  readonly order: OrderRecord;
  readonly transitions: readonly Transition[];
  readonly notifications: readonly ReceivedNotification[];
  /** Every answer of the payment service to a verification, or why none came. */
  readonly checks: readonly CheckEntry[];
  readonly deliveries: readonly Delivery[];
  readonly deliveryLog: readonly DeliveryLogEntry[];
}

/** The status a verdict moves an order to, or `null` when it changes nothing. */
export function nextStatus(current: OrderStatus, verdict: Verdict): OrderStatus | null {
  if (current === 'ACCEPTED') return null;
  switch (verdict.kind) {
    case 'paid':
      return 'ACCEPTED';
    case 'refused':
      return current === 'PENDING' ? 'REFUSED' : null;
    case 'cancelled':
      return current === 'PENDING' ? 'CANCELLED' : null;
    case 'pending':
    case 'mismatch':
      return null;
  }
}

/** A short label of a verdict for the history: `paid`, `pending 623`, `mismatch AMOUNT_MISMATCH`. */
export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'paid':
      return 'paid';
    case 'mismatch':
      return `mismatch ${verdict.reason}`;
    case 'pending':
    case 'refused':
    case 'cancelled':
      return `${verdict.kind} ${verdict.code}`;
  }
}

export function receiptOrder(order: OrderRecord): ReceiptOrder {
  return {
    transId: order.transId,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    designation: order.designation,
    lang: order.lang,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    paidAt: order.paidAt,
    paymentMethod: order.paymentMethod,
    payId: order.payId,
  };
}

/** What the thank-you page may see: no phone, no signature, no custom field. */
export function publicOrder(order: OrderRecord): PublicOrder {
  return {
    transId: order.transId,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    designation: order.designation,
    lang: order.lang,
    paidAt: order.paidAt,
    paymentMethod: order.paymentMethod,
    resultCode: order.resultCode,
  };
}
