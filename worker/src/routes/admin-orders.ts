/**
 * `GET /admin/orders` and `GET /admin/orders.csv`: the order index (D1),
 * newest first, with the same filters for both; `GET /admin/overview`, its sums. The list pages by cursor; the
 * export walks the whole selection page by page, so one query never holds
 * more than a page in memory on D1's side. The index may be a moment behind
 * an order's object (it is written by the object's alarm right after each
 * transition); `GET /admin/orders/:transId` is always current.
 */

import { csvLines } from '../csv';
import { overview } from '../order-overview';
import { parseSelection, selectOrders, selectPages } from '../order-query';
import { failure, file, json, type Reply } from '../reply';
import type { RouteContext } from '../route-context';

/** An export stops here; a shop with more orders filters by date range. */
const MAX_EXPORT_ROWS = 100_000;

const CSV_HEADER = [
  'transId',
  'createdAt',
  'status',
  'amount',
  'currency',
  'kind',
  'productId',
  'designation',
  'custom',
  'paymentMethod',
  'payId',
  'paidAt',
  'resultCode',
  'phoneTail',
  'lang',
] as const;

/** `GET /admin/orders?status=&from=&to=&product=&kind=&transId=&payId=&phone=&limit=&cursor=` */
export async function listOrders(request: Request, { env }: RouteContext): Promise<Reply> {
  const selection = parseSelection(new URL(request.url).searchParams, true);
  if (!selection.ok) return failure(selection.error);
  return json(await selectOrders(env.ORDER_DB, selection.value));
}

/** `GET /admin/orders.csv?<the same filters>`: every matching order, newest first, as `;`-separated UTF-8 with a BOM (see csv.ts). */
export async function exportOrders(request: Request, { env }: RouteContext): Promise<Reply> {
  const parsed = parseSelection(new URL(request.url).searchParams, false);
  if (!parsed.ok) return failure(parsed.error);
  const parts = [csvLines([CSV_HEADER], true)];
  for await (const page of selectPages(env.ORDER_DB, parsed.value, MAX_EXPORT_ROWS)) {
    parts.push(
      csvLines(
        page.orders.map((order) => CSV_HEADER.map((column) => order[column])),
        false,
      ),
    );
  }
  const day = new Date().toISOString().slice(0, 10);
  return file(parts.join(''), 'text/csv; charset=utf-8', `orders-${day}.csv`);
}

const OVERVIEW_DAYS = 30;

/** `GET /admin/overview`: the console's first page, summed over the last 30 days. */
export async function getOverview(_request: Request, { env }: RouteContext): Promise<Reply> {
  return json(await overview(env.ORDER_DB, OVERVIEW_DAYS));
}
