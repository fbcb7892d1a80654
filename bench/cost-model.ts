/**
 * The cost model: what a month of payments costs on Cloudflare, from what
 * one payment uses. Each per-payment quantity says where it comes from:
 * `measured` (counted in this run: requests the bench made and the Worker
 * answered, webhook deliveries the receiver got, bytes on disk), `code` (read
 * off the Worker's code for the flow that was measured, e.g. the D1 rows
 * that worker/src/order-index.ts writes), or `assumed` (not observable
 * locally, e.g. CPU milliseconds). Prices are Cloudflare's published ones, with the date they
 * were checked; the arithmetic is "usage x payments, minus what the plan
 * includes, times the unit price", one line per billed dimension.
 */

/** Cloudflare's published prices, as checked against the stored docs on `checkedOn`. Verify before relying on them. */
export const PRICES = {
  checkedOn: '2026-11-27',
  workers: {
    baseUsdPerMonth: 5,
    requestsIncluded: 10_000_000,
    requestsUsdPerMillion: 0.3,
    cpuMsIncluded: 30_000_000,
    cpuUsdPerMillionMs: 0.02,
  },
  durableObjects: {
    requestsIncluded: 1_000_000,
    requestsUsdPerMillion: 0.15,
    gbSecondsIncluded: 400_000,
    gbSecondsUsdPerMillion: 12.5,
    /** Duration is billed on 128 MB per active object; Cloudflare's examples count it as 0.128 GB. */
    gbPerActiveObject: 0.128,
    rowsReadIncluded: 25_000_000_000,
    rowsReadUsdPerMillion: 0.001,
    rowsWrittenIncluded: 50_000_000,
    rowsWrittenUsdPerMillion: 1,
    storageGbIncluded: 5,
    storageUsdPerGbMonth: 0.2,
  },
  d1: {
    rowsReadIncluded: 25_000_000_000,
    rowsReadUsdPerMillion: 0.001,
    rowsWrittenIncluded: 50_000_000,
    rowsWrittenUsdPerMillion: 1,
    storageGbIncluded: 5,
    storageUsdPerGbMonth: 0.75,
  },
} as const;

export type Source = 'measured' | 'code' | 'assumed';

/** What the run measured about one paid order's flow (means per paid order). */
export interface MeasuredFlow {
  readonly checkouts: number;
  readonly notifications: number;
  readonly returns: number;
  readonly statusPolls: number;
  /** order.paid deliveries the receiver got per order (1 unless retried or duplicated). */
  readonly webhookDeliveries: number;
  /** `checkPayStatus` calls per order, counted by the sandbox. */
  readonly upstreamChecks: number;
  /** Upper bound of the seconds an Order object is active per payment, from this run's latencies. */
  readonly activeSeconds: number;
  /** SQLite bytes one paid order's object holds, read from disk. */
  readonly sqliteBytes: number;
}

export interface Quantity {
  readonly perPayment: number;
  readonly source: Source;
  readonly note: string;
}

export interface CostLine {
  readonly item: string;
  readonly unit: string;
  readonly usage: Quantity;
  /** Usage in a month of `payments` payments (or per month, for the flat fee). */
  readonly monthly: number;
  readonly included: number;
  readonly billable: number;
  /** Price per `priceUnit` units. */
  readonly price: number;
  readonly priceUnit: number;
  readonly priceLabel: string;
  readonly usd: number;
}

export interface CostReport {
  readonly payments: number;
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  readonly perThousandPaymentsUsd: number;
}

/** Assumed Worker CPU per request: the local runtime does not report CPU time. */
export const ASSUMED_CPU_MS_PER_REQUEST = 2;
/** SQLite rows read per Order object request: the `sqlite_master` lookup of `#exists` (about 10 rows) and the order row. */
const ROWS_READ_PER_OBJECT_REQUEST = 12;
const GB = 1_000_000_000;

/**
 * D1 rows written by one order's first index write, from
 * worker/src/order-index.ts and worker/migrations/0001_order_index.sql: the
 * alarm after `create` inserts the `orders` row, and D1 counts one more row
 * written per index entry: the TEXT primary key's and the 7 indexes of the
 * migration, 9 in all.
 */
export const D1_ROWS_WRITTEN_AT_CREATE = 1 + 1 + 7;
/**
 * D1 rows written by the alarm after the ACCEPTED transition: the upsert
 * updates the row, and the four indexes holding a column it changes
 * (`orders_by_status` and `orders_paid` for status and paid_at,
 * `orders_by_pay_id`, `orders_by_phone_tail`), 5 in all. Each status change
 * bumps the index version and the alarm writes once per version behind, so
 * a paid order's index costs these two writes.
 */
const D1_ROWS_WRITTEN_AT_ACCEPTED = 1 + 4;
const D1_ROWS_WRITTEN_PER_PAID_ORDER = D1_ROWS_WRITTEN_AT_CREATE + D1_ROWS_WRITTEN_AT_ACCEPTED;
/** D1 rows read per paid order: each of the two upserts looks its trans_id up once. The console's reads are the merchant's, not per payment. */
const D1_ROWS_READ_PER_PAID_ORDER = 2;
/**
 * Bytes one order takes in D1, estimated from the schema (not measured: the
 * bench does not read the local D1 file's size): a row of about 200 bytes (19-digit trans id,
 * three ISO instants, designation, pay id, ...) and its 8 index entries,
 * about 330 bytes, plus page slack.
 */
export const D1_BYTES_PER_ORDER = 650;

/**
 * SQLite rows written per paid order, from worker/src/order-object.ts (DML
 * only; each row insert into a table with a TEXT primary key also writes its
 * index entry, each AUTOINCREMENT insert updates sqlite_sequence):
 * create 4 (order row + index, PENDING transition + sequence); first alarm 1
 * (indexed_version); the verification that accepts 7 (notification +
 * sequence, order row, ACCEPTED transition + sequence, delivery + index);
 * every other notification 2 (notification + sequence: once the order is
 * ACCEPTED, a verification records the notification and changes nothing
 * else, whether or not it asked CinetPay first); the ACCEPTED alarm 2
 * (indexed_version, delivery); each further delivery attempt 1.
 */
export function rowsWrittenPerOrder(flow: Pick<MeasuredFlow, 'notifications' | 'webhookDeliveries'>): number {
  return 4 + 1 + 7 + Math.max(0, flow.notifications - 1) * 2 + 2 + Math.max(0, flow.webhookDeliveries - 1);
}

function line(item: string, unit: string, usage: Quantity, monthly: number, included: number, price: number, priceUnit: number, priceLabel: string): CostLine {
  const billable = Math.max(0, monthly - included);
  return { item, unit, usage, monthly, included, billable, price, priceUnit, priceLabel, usd: (billable / priceUnit) * price };
}

/** Workers requests per payment: every request of the flow reaches the Worker (the widget script and pages are static assets, not billed). */
export function workerRequests(flow: MeasuredFlow): number {
  return flow.checkouts + flow.notifications + flow.returns + flow.statusPolls;
}

/**
 * Durable Object requests per payment: one RPC per checkout (`create`), per
 * notification (`verify`), per return and per status poll (`view`; a return
 * finding the order PENDING adds a `verify`, which did not happen here), and
 * one alarm after `create` (D1 index) plus one per webhook delivery attempt
 * (the first comes with the ACCEPTED alarm).
 */
export function objectRequests(flow: MeasuredFlow): number {
  return flow.checkouts + flow.notifications + flow.returns + flow.statusPolls + 1 + flow.webhookDeliveries;
}

/** The month's bill for `payments` paid orders with this flow. */
export function costAtScale(flow: MeasuredFlow, payments: number): CostReport {
  const p = PRICES;
  const workerReq = workerRequests(flow);
  const objectReq = objectRequests(flow);
  const rowsWritten = rowsWrittenPerOrder(flow);
  const gbSeconds = flow.activeSeconds * p.durableObjects.gbPerActiveObject;
  const lines: CostLine[] = [
    line('Workers Paid plan', 'month', { perPayment: 0, source: 'code', note: 'flat fee' }, 1, 0, p.workers.baseUsdPerMonth, 1, '$5/month'),
    line(
      'Workers requests',
      'requests',
      {
        perPayment: workerReq,
        source: 'measured',
        note: `checkout ${fmt(flow.checkouts)} + notify ${fmt(flow.notifications)} + return ${fmt(flow.returns)} + status ${fmt(flow.statusPolls)}`,
      },
      workerReq * payments,
      p.workers.requestsIncluded,
      p.workers.requestsUsdPerMillion,
      1e6,
      '$0.30/M',
    ),
    line(
      'Workers CPU time',
      'CPU ms',
      {
        perPayment: workerReq * ASSUMED_CPU_MS_PER_REQUEST,
        source: 'assumed',
        note: `${ASSUMED_CPU_MS_PER_REQUEST} ms per request (not observable locally)`,
      },
      workerReq * ASSUMED_CPU_MS_PER_REQUEST * payments,
      p.workers.cpuMsIncluded,
      p.workers.cpuUsdPerMillionMs,
      1e6,
      '$0.02/M ms',
    ),
    line(
      'Durable Objects requests',
      'requests',
      {
        perPayment: objectReq,
        source: 'measured',
        note: `create 1, verify ${fmt(flow.notifications)}, view ${fmt(flow.returns + flow.statusPolls)}, alarms ${fmt(1 + flow.webhookDeliveries)}`,
      },
      objectReq * payments,
      p.durableObjects.requestsIncluded,
      p.durableObjects.requestsUsdPerMillion,
      1e6,
      '$0.15/M',
    ),
    line(
      'Durable Objects duration',
      'GB-s',
      {
        perPayment: gbSeconds,
        source: 'measured',
        note: `upper bound: ${fmt(flow.activeSeconds)} s active x 0.128 GB`,
      },
      gbSeconds * payments,
      p.durableObjects.gbSecondsIncluded,
      p.durableObjects.gbSecondsUsdPerMillion,
      1e6,
      '$12.50/M GB-s',
    ),
    line(
      'DO SQLite rows written',
      'rows',
      {
        perPayment: rowsWritten,
        source: 'code',
        note: `create, ${fmt(flow.notifications)} notifications, 2 alarms, from order-object.ts`,
      },
      rowsWritten * payments,
      p.durableObjects.rowsWrittenIncluded,
      p.durableObjects.rowsWrittenUsdPerMillion,
      1e6,
      '$1.00/M',
    ),
    line(
      'DO SQLite rows read',
      'rows',
      {
        perPayment: objectReq * ROWS_READ_PER_OBJECT_REQUEST,
        source: 'code',
        note: `about ${ROWS_READ_PER_OBJECT_REQUEST} per object request`,
      },
      objectReq * ROWS_READ_PER_OBJECT_REQUEST * payments,
      p.durableObjects.rowsReadIncluded,
      p.durableObjects.rowsReadUsdPerMillion,
      1e6,
      '$0.001/M',
    ),
    line(
      'DO SQLite storage (one month of orders kept)',
      'GB-month',
      {
        perPayment: flow.sqliteBytes / GB,
        source: 'measured',
        note: `${fmt(flow.sqliteBytes / 1024)} kB per paid order object, kept; an order never paid is deleted after UNPAID_RETENTION (30 days)`,
      },
      (flow.sqliteBytes * payments) / GB,
      p.durableObjects.storageGbIncluded,
      p.durableObjects.storageUsdPerGbMonth,
      1,
      '$0.20/GB-month',
    ),
    line(
      'D1 rows written',
      'rows',
      {
        perPayment: D1_ROWS_WRITTEN_PER_PAID_ORDER,
        source: 'code',
        note: `index row after create ${D1_ROWS_WRITTEN_AT_CREATE} (row + 8 index entries), after ACCEPTED ${D1_ROWS_WRITTEN_AT_ACCEPTED} (row + 4 indexes on changed columns), from order-index.ts and migration 0001`,
      },
      D1_ROWS_WRITTEN_PER_PAID_ORDER * payments,
      p.d1.rowsWrittenIncluded,
      p.d1.rowsWrittenUsdPerMillion,
      1e6,
      '$1.00/M',
    ),
    line(
      'D1 rows read',
      'rows',
      {
        perPayment: D1_ROWS_READ_PER_PAID_ORDER,
        source: 'code',
        note: 'one trans_id lookup per upsert; the console reads only when the merchant looks',
      },
      D1_ROWS_READ_PER_PAID_ORDER * payments,
      p.d1.rowsReadIncluded,
      p.d1.rowsReadUsdPerMillion,
      1e6,
      '$0.001/M',
    ),
    line(
      'D1 storage (one month of orders kept)',
      'GB-month',
      {
        perPayment: D1_BYTES_PER_ORDER / GB,
        source: 'assumed',
        note: `${fmt(D1_BYTES_PER_ORDER)} B per order: row and index entries, estimated from the schema`,
      },
      (D1_BYTES_PER_ORDER * payments) / GB,
      p.d1.storageGbIncluded,
      p.d1.storageUsdPerGbMonth,
      1,
      '$0.75/GB-month',
    ),
  ];
  const totalUsd = lines.reduce((sum, entry) => sum + entry.usd, 0);
  return { payments, lines, totalUsd, perThousandPaymentsUsd: (totalUsd / payments) * 1000 };
}

/** What one order that is never ACCEPTED (an abandoned checkout, a refusal) uses over its whole re-check schedule. */
export interface UnpaidOrderUsage {
  readonly offsets: number;
  readonly workerRequests: number;
  readonly objectRequests: number;
  readonly upstreamChecks: number;
  readonly rowsWritten: number;
  /** D1 rows written by the order's index row. */
  readonly d1RowsWritten: number;
  /** Per million such orders, at the unit prices, beyond what the plan includes. */
  readonly usdPerMillion: number;
}

/**
 * From worker/src/order-object.ts: the checkout (one Workers request, the
 * object's `create`: 4 rows), the first alarm (index write: 1 row, and the
 * D1 row with its index entries), then one alarm and one `checkPayStatus` per offset of
 * RECHECK_SCHEDULE, each writing 2 rows when nothing changes (the answer's
 * code, the schedule's progress); a re-check that changes the status adds a
 * transition and an index write. After the last offset nothing runs: no
 * scan, whatever the number of other orders.
 */
export function unpaidOrderUsage(offsets: number): UnpaidOrderUsage {
  const p = PRICES;
  const usage = {
    offsets,
    workerRequests: 1,
    objectRequests: 2 + offsets,
    upstreamChecks: offsets,
    rowsWritten: 4 + 1 + 2 * offsets,
    d1RowsWritten: D1_ROWS_WRITTEN_AT_CREATE,
  };
  const usdPerMillion =
    usage.workerRequests * p.workers.requestsUsdPerMillion +
    usage.objectRequests * p.durableObjects.requestsUsdPerMillion +
    usage.rowsWritten * p.durableObjects.rowsWrittenUsdPerMillion +
    usage.d1RowsWritten * p.d1.rowsWrittenUsdPerMillion;
  return { ...usage, usdPerMillion };
}

/** Seconds of activity per order at which DO duration would leave the included allowance, at `payments` a month. */
export function durationBreakEvenSeconds(payments: number): number {
  return PRICES.durableObjects.gbSecondsIncluded / (payments * PRICES.durableObjects.gbPerActiveObject);
}

/** Storage cost per month once `months` months of orders are kept (DO SQLite and D1 together). */
export function retainedStorageUsd(flow: MeasuredFlow, payments: number, months: number): number {
  const d = PRICES.durableObjects;
  const sqliteGb = (flow.sqliteBytes * payments * months) / GB;
  const d1Gb = (D1_BYTES_PER_ORDER * payments * months) / GB;
  return (
    Math.max(0, sqliteGb - d.storageGbIncluded) * d.storageUsdPerGbMonth + Math.max(0, d1Gb - PRICES.d1.storageGbIncluded) * PRICES.d1.storageUsdPerGbMonth
  );
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
