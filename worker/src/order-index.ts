/**
 * The KV index of orders, for listing in /admin. It is eventually consistent
 * (a write can take a minute to be seen elsewhere) and therefore never
 * decides anything: every decision is the `Order` object's. One key per
 * order (see docs/storage.md): `order:<transId>`, the order's public view,
 * with its status in metadata.
 */

import type { OrderStatus, PublicOrder } from '../../shared/api/contract';
import type { OrderRecord } from './order-record';
import { publicOrder } from './order-record';

export const ORDER_PREFIX = 'order:';

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
}

export function isIndexMetadata(value: unknown): value is IndexMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['status'] === 'string' && typeof record['amount'] === 'number' && typeof record['createdAt'] === 'string';
}
