/**
 * Our own HTTP API between the merchant console (console/) and the Worker's
 * `/admin/*`: the order index's rows and pages, one order's timeline, and
 * the overview's sums. The Worker builds these values and the console only
 * reads them, so both sides are checked against one definition.
 */

import type { OrderStatus } from './contract';

/** A catalog product, or an open amount (a donation). */
export type OrderKind = 'product' | 'open';

/** One row of the order index (`GET /admin/orders`). */
export interface IndexedOrder {
  readonly transId: string;
  readonly status: OrderStatus;
  readonly kind: OrderKind;
  readonly productId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly designation: string;
  readonly custom: string;
  readonly lang: string;
  readonly paymentMethod: string | null;
  readonly payId: string | null;
  readonly resultCode: string | null;
  /** The last four digits of the payer's number. */
  readonly phoneTail: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly paidAt: string | null;
}

export interface OrderPage {
  readonly orders: readonly IndexedOrder[];
  /** Pass it back as `cursor` for the next page; `null` on the last one. */
  readonly cursor: string | null;
}

/** The query parameters `/admin/orders` and `/admin/orders.csv` filter by. */
export const ORDER_FILTERS = ['status', 'from', 'to', 'product', 'kind', 'transId', 'payId', 'phone'] as const;
export type OrderFilterName = (typeof ORDER_FILTERS)[number];

/** What a delivery carries: the signed `order.paid` webhook, or a paid-order notice on one of the merchant's channels. */
export type DeliveryChannel = 'webhook' | 'email' | 'telegram' | 'slack' | 'discord';

/** One entry of an order's timeline (`GET /admin/orders/:transId`), oldest first. */
export type TimelineEvent =
  | { readonly at: string; readonly kind: 'created'; readonly amount: number; readonly currency: string; readonly designation: string }
  | {
      readonly at: string;
      readonly kind: 'transition';
      readonly from: OrderStatus;
      readonly to: OrderStatus;
      readonly code: string | null;
      readonly source: string;
    }
  | { readonly at: string; readonly kind: 'notification'; readonly outcome: string }
  | { readonly at: string; readonly kind: 'check'; readonly source: string; readonly outcome: string }
  | {
      readonly at: string;
      readonly kind: 'delivery';
      readonly webhookId: string;
      readonly channel: DeliveryChannel;
      readonly attempt: number | null;
      readonly status: number | null;
      readonly error: string | null;
    }
  | { readonly at: string; readonly kind: 'resend'; readonly webhookId: string };

/** What the console reads of `GET /admin/orders/:transId`: the order's own fields, as the index holds them. */
export interface OrderDetail {
  readonly order: Pick<
    IndexedOrder,
    | 'transId'
    | 'status'
    | 'kind'
    | 'productId'
    | 'amount'
    | 'currency'
    | 'designation'
    | 'custom'
    | 'createdAt'
    | 'paidAt'
    | 'paymentMethod'
    | 'payId'
    | 'resultCode'
  >;
  readonly deliveries: readonly { readonly webhookId: string; readonly channel: DeliveryChannel; readonly deliveredAt: string | null }[];
  readonly timeline: readonly TimelineEvent[];
}

/** A sum of paid orders. */
export interface Revenue {
  readonly amount: number;
  readonly orders: number;
}

/** `GET /admin/overview`: the last `days` UTC days, today included. Amounts are F CFA. */
export interface Overview {
  readonly days: number;
  readonly from: string;
  /** One entry per day, oldest first, zeros included: ACCEPTED orders by the day they were paid. */
  readonly revenueByDay: readonly (Revenue & { readonly day: string })[];
  /** Orders created in the period, by current status. */
  readonly byStatus: Readonly<Record<OrderStatus, number>>;
  /** ACCEPTED orders among those created in the period, from 0 to 1; `null` when none was created. */
  readonly conversion: number | null;
  /** Paid in the period, by catalog product (`productId` null: open amounts). */
  readonly byProduct: readonly (Revenue & { readonly productId: string | null; readonly designation: string })[];
  /** Paid in the period, by CinetPay payment method (`OM`, `MOMO`, `FLOOZ`, …). */
  readonly byMethod: readonly (Revenue & { readonly method: string })[];
}

/**
 * How one transaction of a reconciliation compares: `paid_not_accepted`,
 * CinetPay reports it paid (`00`) and our order is not ACCEPTED (or is not
 * in the index); `accepted_not_found`, our order is ACCEPTED and CinetPay's
 * list for the range lacks it; `agree`, neither.
 */
export const RECONCILIATION_FLAGS = ['paid_not_accepted', 'accepted_not_found', 'agree'] as const;
export type ReconciliationFlag = (typeof RECONCILIATION_FLAGS)[number];

/** What CinetPay's history says of one transaction, as the reconciliation shows it. */
export interface CinetpayTransaction {
  /** An Annexe I code; `00` means paid. */
  readonly result: string;
  readonly status: string;
  readonly amount: string;
  readonly currency: string;
  readonly payId: string;
  readonly paymentMethod: string;
}

/** One transaction id, from either side or both. */
export interface ReconciliationRow {
  readonly transId: string;
  readonly flag: ReconciliationFlag;
  /** Our order index's row; `null` when the index has none in the range. */
  readonly order: IndexedOrder | null;
  /** CinetPay's history row; `null` when its list for the range has none. */
  readonly cinetpay: CinetpayTransaction | null;
}

/** `GET /admin/reconciliation?from=&to=`: flagged rows first, then newest first by transaction id. */
export interface Reconciliation {
  readonly from: string;
  readonly to: string;
  readonly counts: Readonly<Record<ReconciliationFlag, number>>;
  readonly rows: readonly ReconciliationRow[];
}

/** One payment link (`GET /admin/products`): a catalog product's page, or the open-amount page. */
export interface PaymentLink {
  /** The catalog id; `null` for the open-amount link. */
  readonly productId: string | null;
  readonly designation: string;
  /** `null` for the open-amount link, whose customer chooses. */
  readonly amount: number | null;
  readonly currency: string;
  /** The product carries a file, delivered once paid. */
  readonly hasFile: boolean;
  /** The page in French (the default) and in English. */
  readonly url: string;
  readonly urlEn: string;
  /** The French link as an SVG QR code, ready to print. */
  readonly qrSvg: string;
}

/** `GET /admin/products` */
export interface PaymentLinksResponse {
  readonly links: readonly PaymentLink[];
}
