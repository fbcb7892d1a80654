/**
 * The console's overview, summed by D1 from the order index: revenue per
 * day, orders by status, conversion, revenue by product and by payment
 * method, over the last N UTC days. Paid sums count ACCEPTED orders by the
 * day they were paid; counts by status and the conversion take the orders
 * created in the period. One batch, four queries, each on an index.
 */

import type { Overview, Revenue } from '../../shared/api/admin';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/api/contract';

const DAY_MS = 86_400_000;

/** The first millisecond (ISO) of the UTC day `days - 1` days before `now`'s. */
function periodStart(now: Date, days: number): string {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS);
  return start.toISOString();
}

type RevenueRow = { readonly amount: number; readonly orders: number };

export async function overview(db: D1Database, days: number, now = new Date()): Promise<Overview> {
  const from = periodStart(now, days);
  const [perDay, perStatus, perProduct, perMethod] = await db.batch([
    db
      .prepare(
        `SELECT substr(paid_at, 1, 10) AS day, SUM(amount) AS amount, COUNT(*) AS orders FROM orders
        WHERE status = 'ACCEPTED' AND paid_at >= ? GROUP BY day`,
      )
      .bind(from),
    db.prepare('SELECT status, COUNT(*) AS orders FROM orders WHERE created_at >= ? GROUP BY status').bind(from),
    db
      .prepare(
        `SELECT product_id AS productId, MAX(designation) AS designation, SUM(amount) AS amount, COUNT(*) AS orders FROM orders
        WHERE status = 'ACCEPTED' AND paid_at >= ? GROUP BY product_id ORDER BY amount DESC`,
      )
      .bind(from),
    db
      .prepare(
        `SELECT COALESCE(payment_method, '?') AS method, SUM(amount) AS amount, COUNT(*) AS orders FROM orders
        WHERE status = 'ACCEPTED' AND paid_at >= ? GROUP BY method ORDER BY amount DESC`,
      )
      .bind(from),
  ]);
  const paidByDay = new Map((perDay?.results as (RevenueRow & { day: string })[] | undefined)?.map((row) => [row.day, row]));
  const revenueByDay = Array.from({ length: days }, (_, index) => {
    const day = new Date(Date.parse(from) + index * DAY_MS).toISOString().slice(0, 10);
    const row = paidByDay.get(day);
    return { day, amount: row?.amount ?? 0, orders: row?.orders ?? 0 };
  });
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
  for (const row of (perStatus?.results ?? []) as { status: OrderStatus; orders: number }[]) byStatus[row.status] = row.orders;
  const created = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  return {
    days,
    from,
    revenueByDay,
    byStatus,
    conversion: created === 0 ? null : byStatus.ACCEPTED / created,
    byProduct: (perProduct?.results ?? []) as (Revenue & { productId: string | null; designation: string })[],
    byMethod: (perMethod?.results ?? []) as (Revenue & { method: string })[],
  };
}
