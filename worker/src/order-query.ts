/**
 * Reading the order index (D1): the filters of `/admin/orders` and
 * `/admin/orders.csv`, parsed from the query string into a typed selection,
 * and the one SQL query that serves both, newest first. Paging is by keyset
 * on `(created_at, trans_id)`: the cursor is the last row's key, so a page
 * never skips or repeats a row when orders arrive meanwhile, and every
 * filter is applied in SQL before the limit.
 */

import { type IndexedOrder, ORDER_FILTERS, type OrderFilterName, type OrderKind, type OrderPage } from '../../shared/api/admin';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/api/contract';
import { validateTransId } from '../../shared/api/trans-id';
import { err, ok, type Result } from '../../shared/result';
import { type ApiError, apiError } from './api-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

interface Keyset {
  readonly createdAt: string;
  readonly transId: string;
}

/** What to select; every field is optional and they combine with AND. */
export interface OrderFilters {
  readonly status?: OrderStatus;
  /** Inclusive, ISO instants: the first millisecond of `from`, the first of the day after `to`. */
  readonly createdFrom?: string;
  readonly createdBefore?: string;
  readonly product?: string;
  readonly kind?: OrderKind;
  readonly transId?: string;
  readonly payId?: string;
  /** 2 to 4 digits the payer's number ends with. */
  readonly phone?: string;
}

export interface OrderSelection {
  readonly filters: OrderFilters;
  readonly limit: number;
  readonly after: Keyset | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as the ISO instant of its first millisecond (UTC), shifted by `days`; `null` if not a real day. */
function dayStart(value: string, days: number): string | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== value) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
}

function invalid(message: string): Result<never, ApiError> {
  return err(apiError('INVALID_QUERY', message));
}

/** The cursor is opaque to clients: base64url of the last row's key. */
export function encodeCursor(key: Keyset): string {
  return btoa(JSON.stringify([key.createdAt, key.transId]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeCursor(cursor: string): Keyset | null {
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [createdAt, transId] = parsed as unknown[];
    return typeof createdAt === 'string' && typeof transId === 'string' ? { createdAt, transId } : null;
  } catch {
    return null;
  }
}

type Parser = (value: string) => string | null;

/** Each filter: its check, and where it lands; the message says what was expected. */
const FILTERS: Readonly<Record<OrderFilterName, { readonly parse: Parser; readonly expected: string }>> = {
  status: { parse: (v) => ((ORDER_STATUSES as readonly string[]).includes(v) ? v : null), expected: `one of ${ORDER_STATUSES.join(', ')}` },
  from: { parse: (v) => dayStart(v, 0), expected: 'a day, YYYY-MM-DD' },
  to: { parse: (v) => dayStart(v, 1), expected: 'a day, YYYY-MM-DD' },
  product: { parse: (v) => (/^[\w-]{1,64}$/.test(v) ? v : null), expected: 'a catalog id' },
  kind: { parse: (v) => (v === 'product' || v === 'open' ? v : null), expected: 'product or open' },
  transId: { parse: (v) => (validateTransId(v, 'transId').ok ? v : null), expected: 'a transaction id' },
  payId: { parse: (v) => (/^[\w.-]{1,64}$/.test(v) ? v : null), expected: 'a CinetPay payment id' },
  phone: { parse: (v) => (/^\d{2,4}$/.test(v) ? v : null), expected: 'the last 2 to 4 digits of the payer’s number' },
};

function isFilterName(name: string): name is OrderFilterName {
  return (ORDER_FILTERS as readonly string[]).includes(name);
}

/** Parses `status, from, to, product, kind, transId, payId, phone, limit, cursor`; anything else is refused by name. */
export function parseSelection(query: URLSearchParams, paged: boolean): Result<OrderSelection, ApiError> {
  const parsed: Record<string, string> = {};
  let limit = DEFAULT_PAGE_SIZE;
  let after: Keyset | null = null;
  for (const [name, value] of query) {
    if (name === 'limit' && paged) {
      const size = /^\d{1,4}$/.test(value) ? Number(value) : 0;
      if (size < 1 || size > MAX_PAGE_SIZE) return invalid(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
      limit = size;
    } else if (name === 'cursor' && paged) {
      after = decodeCursor(value);
      if (!after) return invalid('cursor is not one this API gave');
    } else {
      const filter = isFilterName(name) ? FILTERS[name] : undefined;
      if (!filter)
        return invalid(
          `Unknown filter ${JSON.stringify(name.slice(0, 40))}; use ${[...Object.keys(FILTERS), ...(paged ? ['limit', 'cursor'] : [])].join(', ')}`,
        );
      const result = filter.parse(value);
      if (result === null) return invalid(`${name} must be ${filter.expected}, got ${JSON.stringify(value.slice(0, 40))}`);
      parsed[name] = result;
    }
  }
  const filters: OrderFilters = {
    ...(parsed['status'] ? { status: parsed['status'] as OrderStatus } : {}),
    ...(parsed['from'] ? { createdFrom: parsed['from'] } : {}),
    ...(parsed['to'] ? { createdBefore: parsed['to'] } : {}),
    ...(parsed['product'] ? { product: parsed['product'] } : {}),
    ...(parsed['kind'] ? { kind: parsed['kind'] as OrderKind } : {}),
    ...(parsed['transId'] ? { transId: parsed['transId'] } : {}),
    ...(parsed['payId'] ? { payId: parsed['payId'] } : {}),
    ...(parsed['phone'] ? { phone: parsed['phone'] } : {}),
  };
  return ok({ filters, limit, after });
}

/** The WHERE clause and its bound values for these filters and keyset. */
function where(filters: OrderFilters, after: Keyset | null): { readonly sql: string; readonly values: (string | number)[] } {
  const clauses: string[] = [];
  const values: (string | number)[] = [];
  const add = (clause: string, ...bound: (string | number)[]): void => {
    clauses.push(clause);
    values.push(...bound);
  };
  if (filters.status) add('status = ?', filters.status);
  if (filters.createdFrom) add('created_at >= ?', filters.createdFrom);
  if (filters.createdBefore) add('created_at < ?', filters.createdBefore);
  if (filters.product) add('product_id = ?', filters.product);
  if (filters.kind) add('kind = ?', filters.kind);
  if (filters.transId) add('trans_id = ?', filters.transId);
  if (filters.payId) add('pay_id = ?', filters.payId);
  if (filters.phone) add('phone_tail LIKE ?', `%${filters.phone}`);
  if (after) add('(created_at, trans_id) < (?, ?)', after.createdAt, after.transId);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

interface OrderRow {
  readonly trans_id: string;
  readonly status: string;
  readonly kind: string;
  readonly product_id: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly designation: string;
  readonly custom: string;
  readonly lang: string;
  readonly payment_method: string | null;
  readonly pay_id: string | null;
  readonly result_code: string | null;
  readonly phone_tail: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly paid_at: string | null;
}

function toIndexedOrder(row: OrderRow): IndexedOrder {
  return {
    transId: row.trans_id,
    status: row.status as OrderStatus,
    kind: row.kind as OrderKind,
    productId: row.product_id,
    amount: row.amount,
    currency: row.currency,
    designation: row.designation,
    custom: row.custom,
    lang: row.lang,
    paymentMethod: row.payment_method,
    payId: row.pay_id,
    resultCode: row.result_code,
    phoneTail: row.phone_tail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidAt: row.paid_at,
  };
}

/** One page of the selection, newest first. */
export async function selectOrders(db: D1Database, selection: OrderSelection): Promise<OrderPage> {
  const clause = where(selection.filters, selection.after);
  const { results } = await db
    .prepare(`SELECT * FROM orders ${clause.sql} ORDER BY created_at DESC, trans_id DESC LIMIT ?`)
    .bind(...clause.values, selection.limit + 1)
    .all<OrderRow>();
  const orders = results.slice(0, selection.limit).map(toIndexedOrder);
  const last = orders.at(-1);
  return { orders, cursor: results.length > selection.limit && last ? encodeCursor(last) : null };
}

/** Every page of the selection in turn, newest first, `MAX_PAGE_SIZE` rows at a time, until `maxRows` rows have been read. */
export async function* selectPages(db: D1Database, selection: OrderSelection, maxRows: number): AsyncGenerator<OrderPage> {
  let next: OrderSelection = { ...selection, limit: MAX_PAGE_SIZE };
  for (let rows = 0; rows < maxRows; rows += MAX_PAGE_SIZE) {
    const page = await selectOrders(db, next);
    yield page;
    const last = page.orders.at(-1);
    if (!page.cursor || !last) return;
    next = { ...next, after: { createdAt: last.createdAt, transId: last.transId } };
  }
}
