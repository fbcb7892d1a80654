/**
 * The KV index of orders, for listing in /admin and for the reconciliation
 * cron to find PENDING orders. It is eventually consistent (a write can take
 * a minute to be seen elsewhere) and therefore never decides anything: every
 * decision is the `Order` object's. Keys (see docs/storage.md):
 * - `order:<transId>`: the order's public view, with its status in metadata;
 * - `pending:<transId>`: present while the order is PENDING, for 26 hours at most.
 */

import type { OrderStatus, PublicOrder } from '../../shared/checkout-api';
import type { OrderRecord } from './order-record';
import { publicOrder } from './order-record';

export const ORDER_PREFIX = 'order:';
export const PENDING_PREFIX = 'pending:';
/** A little longer than the reconciliation window (reconcile.ts MAX_AGE_MS, 24 h). */
export const PENDING_KEY_TTL_S = 26 * 60 * 60;

export interface IndexMetadata {
  readonly status: OrderStatus;
  readonly amount: number;
  readonly createdAt: string;
}

/** Writes the order's current state to the index. */
export async function writeIndex(kv: KVNamespace, order: OrderRecord): Promise<void> {
  const metadata: IndexMetadata = { status: order.status, amount: order.amount, createdAt: order.createdAt };
  const view: PublicOrder = publicOrder(order);
  await kv.put(`${ORDER_PREFIX}${order.transId}`, JSON.stringify(view), { metadata });
  if (order.status === 'PENDING') {
    // Abandoned carts never leave PENDING: their key expires, so the cron's scan never silts up with them.
    await kv.put(`${PENDING_PREFIX}${order.transId}`, '', { metadata, expirationTtl: PENDING_KEY_TTL_S });
  } else {
    await kv.delete(`${PENDING_PREFIX}${order.transId}`);
  }
}

export function isIndexMetadata(value: unknown): value is IndexMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['status'] === 'string' && typeof record['amount'] === 'number' && typeof record['createdAt'] === 'string';
}
