/**
 * The order index in D1, for listing, filtering, exporting and summing orders
 * in /admin. Each `Order` object writes its own row after every transition
 * with a versioned upsert: a row only moves forward, so a retried or late
 * write changes nothing. The index never decides anything: every decision is
 * the `Order` object's. Schema: worker/migrations/ (docs/storage.md).
 */

import type { OrderRecord } from './order-record';

/** The last four digits of a phone number, or `null`: the index never holds a whole number. */
export function phoneTail(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

const UPSERT = `INSERT INTO orders (trans_id, version, status, kind, product_id, amount, currency, designation, custom, lang,
    payment_method, pay_id, result_code, phone_tail, created_at, updated_at, paid_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
  ON CONFLICT (trans_id) DO UPDATE SET version = excluded.version, status = excluded.status, payment_method = excluded.payment_method,
    pay_id = excluded.pay_id, result_code = excluded.result_code, phone_tail = excluded.phone_tail, updated_at = excluded.updated_at,
    paid_at = excluded.paid_at
  WHERE excluded.version > orders.version`;

/**
 * Writes version `version` of the order's row; an older or equal version
 * already there wins, so a retry is harmless. The phone is the number
 * CinetPay reported for the payment, else the one locked at checkout.
 */
export async function writeIndex(db: D1Database, order: OrderRecord, version: number): Promise<void> {
  await db
    .prepare(UPSERT)
    .bind(
      order.transId,
      version,
      order.status,
      order.kind,
      order.productId,
      order.amount,
      order.currency,
      order.designation,
      order.custom,
      order.lang,
      order.paymentMethod,
      order.payId,
      order.resultCode,
      phoneTail(order.payerPhone ?? order.phone),
      order.createdAt,
      order.updatedAt,
      order.paidAt,
    )
    .run();
}

/**
 * Removes the row of an order deleted for never being paid (UNPAID_RETENTION).
 * A paid order's row is never deleted, whoever asks.
 */
export async function deleteIndex(db: D1Database, transId: string): Promise<void> {
  await db.prepare("DELETE FROM orders WHERE trans_id = ? AND status != 'ACCEPTED'").bind(transId).run();
}
