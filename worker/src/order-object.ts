/**
 * The `Order` Durable Object: one per `cpm_trans_id`, the single source of
 * truth for that order. It owns the order row, its evidence log (its
 * transitions, the notifications received, every check's answer and every
 * delivery attempt: order-log.ts), its outbox
 * (`order.paid` and the paid-order notices) and its own re-check schedule, so that an order whose
 * notification was lost heals itself without any scan.
 *
 * Invariants:
 * - A verification awaits the payment service first, then reads the current
 *   state, decides and writes in one synchronous SQLite transaction: no
 *   `await` between the check and the write. PENDING -> ACCEPTED happens
 *   once; ACCEPTED is never left.
 * - One check at a time, shared by every waiter (check-gate.ts): a storm of
 *   notifications costs one call when the first answer accepts the order.
 * - Until it is ACCEPTED, the order re-checks itself at each offset of
 *   RECHECK_SCHEDULE after its creation (PENDING, REFUSED and CANCELLED
 *   alike: a refused first attempt may be followed by a paid one).
 * - The `order.paid` delivery and the paid-order notices (one per enabled
 *   channel) are written in the same transaction as the ACCEPTED
 *   transition, once (order-outbox.ts).
 * - An object that never received `open` stores nothing: a forged
 *   transaction id leaves no trace. An opened order exists for nobody (no
 *   view, no verification) until `sign` stores CinetPay's signature; the
 *   checkout opens it while the signature request is in flight and discards
 *   it if that fails.
 * - Its row in the D1 index (order-index.ts) is written when it is signed and
 *   after each transition, with a version; a failed write is retried by the
 *   alarm until D1 has it. The index never decides.
 * - An order never ACCEPTED is deleted, with its index row, UNPAID_RETENTION
 *   after its checkout; a paid order is kept.
 * - A download of the order's file (digital delivery) is counted here, in
 *   the same synchronous step that checks the order is ACCEPTED and under
 *   its limit: concurrent downloads can never exceed DOWNLOAD_LIMIT.
 *
 * Storage work is kept small, since every payment pays for it: the order row
 * is read once per wake and kept in memory (every write returns the row it
 * wrote), and a table is created when its first row is written, so an
 * abandoned checkout stores one table, not six (docs/storage.md).
 */

import { DurableObject } from 'cloudflare:workers';
import type { OrderStatus, PublicOrder } from '../../shared/api/contract';
import { API2026_NOTIFICATION_FIELDS } from '../../shared/cinetpay/api2026-wire';
import { X_TOKEN_FIELDS } from '../../shared/cinetpay/v2-wire';
import { type Currency, type Language, NOTIFICATION_FIELDS } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';
import { sameToken } from './admin-auth';
import { CheckGate } from './check-gate';
import { type Config, type ProductFile, readConfig } from './config';
import { logEvent } from './log-event';
import { deleteIndex, writeIndex } from './order-index';
import { appendLog, migrateLegacyLogs, ORDER_LOG_SCHEMA, readLog } from './order-log';
import { OrderOutbox, OUTBOX_SCHEMA, paidWebhookId, sendsWhenPaid } from './order-outbox';
import {
  type CheckEntry,
  type CheckSource,
  type Delivery,
  describeVerdict,
  type NewOrder,
  nextStatus,
  type OrderKind,
  type OrderRecord,
  type OrderSnapshot,
  publicOrder,
  type ReceiptOrder,
  type ReceivedNotification,
  receiptOrder,
  type Transition,
} from './order-record';
import { API_GENERATIONS, type ProviderError, type Verdict } from './payment-provider';
import { paymentProvider } from './payment-providers';
import { validXToken } from './x-token';

export type VerifyFailure =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'configuration' }
  /** A v2 order's notification without a valid x-token, a 2026 order's without its notify_token (or a 2026-shaped one for an older order). */
  | { readonly kind: 'unauthorized'; readonly proof: 'x-token' | 'notify_token' }
  | { readonly kind: 'upstream'; readonly error: ProviderError };

/**
 * A notification as received: its fields (kept for the record, never
 * trusted, the notify token left out), its `x-token` header, if any, and its
 * 2026 `notify_token` (`null` when the notification is not shaped for the
 * 2026 API).
 */
export interface ReceivedProof {
  readonly fields: Readonly<Record<string, string>>;
  readonly xToken: string | null;
  readonly notifyToken: string | null;
}

/** What checkout hands to `open`: the new order, and the file it is sold with, if any. */
export type OrderToOpen = Omit<NewOrder, 'signature'> & { readonly file: ProductFile | null };

/** An order as digital delivery sees it. */
export interface OrderDelivery {
  readonly order: PublicOrder;
  readonly productId: string | null;
  /** The product's file as it was when the order was made; `null` for an order stored before orders kept it (the catalog then says). */
  readonly file: ProductFile | null;
  /** Downloads of its file so far. */
  readonly downloads: number;
}

/** Why a download was not counted: no such order, not paid (yet), or no downloads left. */
export type DownloadRefusal = 'not_found' | 'not_paid' | 'limit';

export interface VerifyOutcome {
  readonly order: PublicOrder;
  /** The status before this verification; equal to `order.status` when nothing changed. */
  readonly previous: OrderStatus;
}

/** A check's result as every waiter sees it: the outcome, and a label for the notification log. */
type Checked = Result<{ readonly outcome: VerifyOutcome; readonly label: string }, ProviderError>;

const INDEX_RETRY_DELAY_MS = 30_000;
/** Past UPSTREAM_TIMEOUT_MS after its checkout, an order is signed or discarded; this much later, one never signed is abandoned. */
const SIGNATURE_MARGIN_MS = 5_000;
/** How soon an order past its retention time is looked at again when CinetPay could not confirm it unpaid. */
const EXPIRY_RETRY_DELAY_MS = 60 * 60_000;
/** How soon an alarm that found the settings broken tries again: the merchant is told by /healthz and every 503, and fixes them. */
const CONFIG_RETRY_DELAY_MS = 5 * 60_000;
/** Two checks of one order start at least this far apart, whoever asks. */
const CHECK_SPACING_MS = 1_000;
const MAX_NOTIFICATION_FIELD_LENGTH = 255;

/** One row. WITHOUT ROWID: the row lives in the primary key's B-tree, which saves the page a separate index would take. */
const RECORD_SCHEMA = `CREATE TABLE IF NOT EXISTS order_record (
  trans_id TEXT PRIMARY KEY, status TEXT NOT NULL, kind TEXT NOT NULL, product_id TEXT, amount INTEGER NOT NULL,
  currency TEXT NOT NULL, designation TEXT NOT NULL, custom TEXT NOT NULL, lang TEXT NOT NULL, phone TEXT, phone_prefix TEXT,
  signature TEXT NOT NULL, site_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  paid_at TEXT, payment_method TEXT, pay_id TEXT, payer_phone TEXT, result_code TEXT, rechecks_done INTEGER NOT NULL DEFAULT 0,
  index_version INTEGER NOT NULL DEFAULT 1, indexed_version INTEGER NOT NULL DEFAULT 0, api TEXT NOT NULL DEFAULT 'v1',
  download_count INTEGER NOT NULL DEFAULT 0, notify_token TEXT, file_key TEXT, file_name TEXT
) WITHOUT ROWID`;

/** Every table but `order_record`, with the statement that creates it when its first row comes. */
const TABLES: Readonly<Record<'order_log' | 'deliveries', string>> = {
  order_log: ORDER_LOG_SCHEMA,
  // Deliveries log their attempts.
  deliveries: `${OUTBOX_SCHEMA};${ORDER_LOG_SCHEMA}`,
};
type Table = keyof typeof TABLES;

/** Tables and columns added after the first release: an object created before them gets them when it wakes. */
const LATER_COLUMNS: readonly (readonly [table: string, column: string, definition: string])[] = [
  ['order_record', 'payer_phone', 'TEXT'],
  // Every order stored before v2 was a v1 order, and stays one.
  ['order_record', 'api', "TEXT NOT NULL DEFAULT 'v1'"],
  ['deliveries', 'channel', "TEXT NOT NULL DEFAULT 'webhook'"],
  ['order_record', 'download_count', 'INTEGER NOT NULL DEFAULT 0'],
  // The 2026 API's per-order notification token; never part of OrderRecord, so never in a view, a snapshot or a log.
  ['order_record', 'notify_token', 'TEXT'],
  // The product's file, kept with the order so that the catalog may change; older orders find it in the catalog.
  ['order_record', 'file_key', 'TEXT'],
  ['order_record', 'file_name', 'TEXT'],
];

/** What `order_record` holds beside the order: the re-check and index bookkeeping. */
interface StoredOrder {
  readonly order: OrderRecord;
  readonly rechecksDone: number;
  readonly indexVersion: number;
  readonly indexedVersion: number;
}

type Row = Record<string, SqlStorageValue>;

function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : String(value ?? '');
}

function nullableText(row: Row, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

function toOrder(row: Row): OrderRecord {
  return {
    transId: text(row, 'trans_id'),
    status: text(row, 'status') as OrderStatus,
    kind: text(row, 'kind') as OrderKind,
    productId: nullableText(row, 'product_id'),
    amount: Number(row['amount']),
    currency: text(row, 'currency') as Currency,
    designation: text(row, 'designation'),
    custom: text(row, 'custom'),
    lang: text(row, 'lang') as Language,
    phone: nullableText(row, 'phone'),
    phonePrefix: nullableText(row, 'phone_prefix'),
    signature: text(row, 'signature'),
    siteId: text(row, 'site_id'),
    api: API_GENERATIONS.find((generation) => generation === text(row, 'api')) ?? 'v1',
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
    paidAt: nullableText(row, 'paid_at'),
    paymentMethod: nullableText(row, 'payment_method'),
    payId: nullableText(row, 'pay_id'),
    payerPhone: nullableText(row, 'payer_phone'),
    resultCode: nullableText(row, 'result_code'),
  };
}

function toStored(row: Row): StoredOrder {
  return {
    order: toOrder(row),
    rechecksDone: Number(row['rechecks_done']),
    indexVersion: Number(row['index_version']),
    indexedVersion: Number(row['indexed_version']),
  };
}

/** The fields a v1, v2 or 2026 notification defines, but the 2026 notify token (a credential); nothing else of the body is kept. */
const KNOWN_NOTIFICATION_FIELDS: readonly string[] = [
  ...new Set<string>([...NOTIFICATION_FIELDS, ...X_TOKEN_FIELDS, ...API2026_NOTIFICATION_FIELDS.filter((name) => name !== 'notify_token')]),
];

/** Keeps the notification fields CinetPay defines, cut to a sane length: the body is untrusted input. */
function knownFields(fields: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KNOWN_NOTIFICATION_FIELDS) {
    const value = fields[name];
    if (value !== undefined) kept[name] = value.slice(0, MAX_NOTIFICATION_FIELD_LENGTH);
  }
  return kept;
}

/** The Durable Object stub of one order. */
export function orderStub(env: Env, transId: string): DurableObjectStub<Order> {
  return env.ORDERS.get(env.ORDERS.idFromName(transId));
}

export class Order extends DurableObject<Env> {
  readonly #gate = new CheckGate<Checked>(CHECK_SPACING_MS);
  /** The tables this object has; read once when it wakes. */
  #tables = new Set<string>();
  /** The order row as last written or read; `undefined` until read, `null` when there is none. */
  #cached: StoredOrder | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      if (this.#wake()) await ctx.storage.setAlarm(Date.now());
    });
  }

  /**
   * Learns which tables exist and brings an order stored by
   * an older version up to the current schema; an object without an order
   * stays empty. An object older than the D1 index (it lacks `payer_phone`,
   * which came with it) wrote its index to KV: it must write it again, to
   * D1, so it marks its index stale and answers true, and its alarm writes
   * it at once.
   */
  #wake(): boolean {
    this.#tables = this.#tableNames();
    if (!this.#tables.has('order_record')) return false;
    // One table per log kind, as older versions stored them, becomes the one log.
    if (this.ctx.storage.transactionSync(() => migrateLegacyLogs(this.#sql, this.#tables))) this.#tables = this.#tableNames();
    const columns = new Set(
      this.#sql
        .exec<{ name: string }>("SELECT name FROM pragma_table_info('order_record')")
        .toArray()
        .map((row) => row.name),
    );
    // A table created lazily after its column was added already has it; one never created needs nothing.
    const missing = LATER_COLUMNS.filter(
      ([table, column]) => this.#tables.has(table) && !(table === 'order_record' ? columns.has(column) : this.#hasColumn(table, column)),
    );
    if (missing.length === 0) return false;
    // Only an object older than the D1 index must write its index again.
    const reindex = missing.some(([, column]) => column === 'payer_phone');
    return this.ctx.storage.transactionSync(() => {
      for (const [table, column, definition] of missing) this.#sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      if (reindex) this.#sql.exec('UPDATE order_record SET indexed_version = 0');
      this.#cached = undefined;
      return reindex;
    });
  }

  #tableNames(): Set<string> {
    return new Set(
      this.#sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray()
        .map((row) => row.name),
    );
  }

  #hasColumn(table: string, column: string): boolean {
    return this.#sql.exec('SELECT 1 FROM pragma_table_info(?) WHERE name = ?', table, column).toArray().length > 0;
  }

  get #sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  get #outbox(): OrderOutbox {
    return new OrderOutbox(this.ctx.storage.sql);
  }

  /** Creates `table` before its first row; free once it exists. */
  #ensure(table: Table): void {
    if (this.#tables.has(table)) return;
    this.#sql.exec(TABLES[table]);
    this.#tables.add(table);
  }

  /** The stored row, signed or not. */
  #stored(): StoredOrder | null {
    if (this.#cached === undefined) {
      const row = this.#tables.has('order_record') ? this.#sql.exec('SELECT * FROM order_record LIMIT 1').toArray()[0] : undefined;
      this.#cached = row ? toStored(row) : null;
    }
    return this.#cached;
  }

  /** Runs a statement on `order_record` that ends in `RETURNING *`, and keeps the row it returns. */
  #write(query: string, ...bindings: SqlStorageValue[]): StoredOrder {
    const row = this.#sql.exec(query, ...bindings).toArray()[0];
    if (!row) throw new Error('order_record has no row to write');
    this.#cached = toStored(row);
    return this.#cached;
  }

  /** The order, once signed: before that it exists for nobody. */
  #read(): OrderRecord | null {
    const stored = this.#stored();
    return stored && stored.order.signature !== '' ? stored.order : null;
  }

  #config(): Config | null {
    const config = readConfig(this.env);
    return config.ok ? config.value : null;
  }

  /**
   * Stores a new order, PENDING and not yet signed, while the checkout waits
   * for CinetPay's signature; its alarm is set for the first re-check (which
   * deletes it if it was never signed). Fails if this transaction id
   * already has an order.
   */
  async open(order: OrderToOpen): Promise<Result<void, 'ORDER_EXISTS'>> {
    if (this.#stored()) return err('ORDER_EXISTS');
    this.#sql.exec(RECORD_SCHEMA);
    this.#tables.add('order_record');
    this.#write(
      `INSERT INTO order_record (trans_id, status, kind, product_id, amount, currency, designation, custom, lang, phone, phone_prefix,
         signature, site_id, api, created_at, updated_at, file_key, file_name) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?) RETURNING *`,
      order.transId,
      order.kind,
      order.productId,
      order.amount,
      order.currency,
      order.designation,
      order.custom,
      order.lang,
      order.phone,
      order.phonePrefix,
      order.siteId,
      order.api,
      order.createdAt,
      order.createdAt,
      order.file?.key ?? null,
      order.file?.filename ?? null,
    );
    const config = this.#config();
    const first = config ? this.#nextRecheckAt(config) : null;
    if (first !== null) await this.ctx.storage.setAlarm(first);
    return ok(undefined);
  }

  /**
   * Stores CinetPay's signature (and the 2026 API's notify token, if any):
   * from now on the order exists. Its index row is written at once, without
   * waiting for an alarm.
   */
  async sign(signature: string, notifyToken: string | null = null): Promise<Result<PublicOrder, 'NOT_OPEN'>> {
    const stored = this.#stored();
    if (stored?.order.signature !== '') return err('NOT_OPEN');
    const { order } = this.#write('UPDATE order_record SET signature = ?, notify_token = ? RETURNING *', signature, notifyToken);
    this.ctx.waitUntil(this.#indexNow());
    return ok(publicOrder(order));
  }

  /** Forgets an order whose signature request failed: the object stores nothing again. */
  async discard(): Promise<void> {
    const stored = this.#stored();
    if (stored?.order.signature !== '') return;
    await this.#erase();
  }

  /** Deletes everything this object stores, and its alarm. */
  async #erase(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#tables = new Set();
    this.#cached = null;
  }

  /** The public view, or `null` for an unknown transaction. */
  async view(): Promise<PublicOrder | null> {
    const order = this.#read();
    return order ? publicOrder(order) : null;
  }

  /** What the order's receipt shows, or `null` for an unknown transaction. */
  async receipt(): Promise<ReceiptOrder | null> {
    const order = this.#read();
    return order ? receiptOrder(order) : null;
  }

  /** The public view with what digital delivery needs: the catalog product and the downloads spent. */
  async forDelivery(): Promise<OrderDelivery | null> {
    const order = this.#read();
    if (!order) return null;
    const [row] = this.#sql.exec<{ file_key: string | null; file_name: string | null }>('SELECT file_key, file_name FROM order_record LIMIT 1').toArray();
    const file = row?.file_key && row.file_name ? { key: row.file_key, filename: row.file_name } : null;
    return { order: publicOrder(order), productId: order.productId, file, downloads: this.#downloadCount() };
  }

  /**
   * Counts one download if the order is ACCEPTED and has downloads left, in
   * one synchronous step (check and increment cannot interleave); answers
   * the count after it, or why nothing was counted.
   */
  async claimDownload(limit: number): Promise<Result<number, DownloadRefusal>> {
    return this.ctx.storage.transactionSync(() => {
      const order = this.#read();
      if (!order) return err('not_found');
      if (order.status !== 'ACCEPTED') return err('not_paid');
      const used = this.#downloadCount();
      if (used >= limit) return err('limit');
      this.#sql.exec('UPDATE order_record SET download_count = download_count + 1');
      return ok(used + 1);
    });
  }

  #downloadCount(): number {
    return Number(this.#sql.exec('SELECT download_count FROM order_record LIMIT 1').toArray()[0]?.['download_count'] ?? 0);
  }

  /** Everything stored, for /admin. The creation is the first transition, whether or not an older version stored it as a row. */
  async snapshot(): Promise<OrderSnapshot | null> {
    const order = this.#read();
    if (!order) return null;
    const logged = this.#tables.has('order_log');
    const stored: Transition[] = logged ? readLog<Omit<Transition, 'at'>>(this.#sql, 'transition') : [];
    const created: Transition = { from: null, to: 'PENDING', code: null, source: 'checkout', at: order.createdAt };
    const transitions = stored[0]?.from === null ? stored : [created, ...stored];
    const notifications: ReceivedNotification[] = logged
      ? readLog<Omit<ReceivedNotification, 'receivedAt'>>(this.#sql, 'notification').map(({ at, ...entry }) => ({ ...entry, receivedAt: at }))
      : [];
    const checks: CheckEntry[] = logged ? readLog<Omit<CheckEntry, 'at'>>(this.#sql, 'check') : [];
    const outbox = this.#tables.has('deliveries') ? { deliveries: this.#outbox.list(), deliveryLog: this.#outbox.log() } : { deliveries: [], deliveryLog: [] };
    return { order, transitions, notifications, checks, ...outbox };
  }

  /** Sends `order.paid` again with the same webhook-id (the console's "re-send"); `NO_DELIVERY` if the order has no such event. */
  async resendPaid(): Promise<Result<Delivery, 'NO_DELIVERY'>> {
    const order = this.#read();
    if (!order || !this.#tables.has('deliveries')) return err('NO_DELIVERY');
    const webhookId = paidWebhookId(order.transId);
    if (!this.ctx.storage.transactionSync(() => this.#outbox.resend(webhookId))) return err('NO_DELIVERY');
    await this.ctx.storage.setAlarm(Date.now());
    const delivery = this.#outbox.list().find((entry) => entry.webhookId === webhookId);
    return delivery ? ok(delivery) : err('NO_DELIVERY');
  }

  /**
   * Asks the payment service about this transaction and applies its verdict.
   * `notification` is the body that prompted the check, kept for the record
   * only: nothing in it is trusted; for an order created with CinetPay v2 its
   * `x-token` must be valid first (x-token.ts), for one created with the 2026
   * API its `notify_token` must be the one stored at creation; either proves
   * who sent it and nothing more. Every caller gets a verdict fetched after
   * it arrived (check-gate.ts).
   */
  async verify(source: CheckSource, notification?: ReceivedProof): Promise<Result<VerifyOutcome, VerifyFailure>> {
    const order = this.#read();
    if (!order) return err({ kind: 'not_found' });
    const config = this.#config();
    if (!config) return err({ kind: 'configuration' });
    // A v2 order's notification must carry its x-token, a 2026 order's its notify_token; without it nothing is asked, recorded or changed. v1 signs nothing.
    if (notification && order.api === 'v2' && !(await validXToken(notification.fields, notification.xToken, config.secretKey))) {
      return err({ kind: 'unauthorized', proof: 'x-token' });
    }
    if (notification && (order.api === '2026' || notification.notifyToken !== null) && !(await this.#notifyTokenMatches(notification.notifyToken))) {
      return err({ kind: 'unauthorized', proof: 'notify_token' });
    }
    // Final: no answer from the payment service can change it, so there is nothing to ask.
    const checked =
      this.#acceptedAlready() ??
      (await this.#gate.run(
        () => this.#check(source, config),
        () => this.#acceptedAlready(),
      ));
    if (notification) this.#recordNotification(notification.fields, checked.ok ? checked.value.label : `upstream ${checked.error.kind}`);
    return checked.ok ? ok(checked.value.outcome) : err({ kind: 'upstream', error: checked.error });
  }

  /**
   * True when `token` is this order's 2026 notify token, compared in constant
   * time; false for an order without one (v1, v2). The stored token never
   * leaves the object.
   */
  async #notifyTokenMatches(token: string | null): Promise<boolean> {
    const stored = this.#sql.exec('SELECT notify_token FROM order_record LIMIT 1').toArray()[0]?.['notify_token'];
    if (token === null || token === '' || typeof stored !== 'string' || stored === '') return false;
    return sameToken(token, stored);
  }

  #acceptedAlready(): Checked | undefined {
    const order = this.#read();
    return order?.status === 'ACCEPTED' ? ok({ outcome: { order: publicOrder(order), previous: order.status }, label: 'already accepted' }) : undefined;
  }

  /** One call to the payment service, and its verdict applied before any waiter wakes. */
  async #check(source: CheckSource, config: Config): Promise<Checked> {
    const order = this.#read();
    if (!order) throw new Error('order vanished before its check');
    const expected = { transId: order.transId, amount: order.amount, currency: order.currency, signature: order.signature };
    const verdict = await paymentProvider(config, order.api).verify(expected);
    this.#ensure('order_log');
    if (!verdict.ok) {
      appendLog(this.#sql, 'check', { source, outcome: `upstream ${verdict.error.kind}` });
      return verdict;
    }
    const outcome = this.ctx.storage.transactionSync(() => {
      appendLog(this.#sql, 'check', { source, outcome: describeVerdict(verdict.value) });
      return this.#apply(verdict.value, source, config);
    });
    // The index follows a transition or a new result code now; the alarm delivers the outbox and retries a failed index write.
    const stored = this.#stored();
    if (stored && stored.indexedVersion < stored.indexVersion) this.ctx.waitUntil(this.#indexNow());
    if (outcome.order.status !== outcome.previous && outcome.order.status === 'ACCEPTED' && sendsWhenPaid(config)) {
      await this.ctx.storage.setAlarm(Date.now());
    }
    if (verdict.value.kind === 'mismatch') {
      logEvent('mismatch', { transId: order.transId, reason: verdict.value.reason }, 'warn');
    }
    return ok({ outcome, label: describeVerdict(verdict.value) });
  }

  /** Check and set in one synchronous step: nothing else can run between the read and the write. */
  #apply(verdict: Verdict, source: CheckSource, config: Config): VerifyOutcome {
    const current = this.#read();
    if (!current) throw new Error('order vanished inside a transaction');
    const next = nextStatus(current.status, verdict);
    const now = new Date().toISOString();
    if (next === null) {
      // An accepted order keeps the 00 it was accepted with; a late, stale answer must not overwrite it.
      if (current.status === 'ACCEPTED' || current.resultCode === verdict.code) return { order: publicOrder(current), previous: current.status };
      // The index shows the result code too (the console's list and CSV).
      const { order } = this.#write(
        'UPDATE order_record SET result_code = ?, updated_at = ?, index_version = index_version + 1 RETURNING *',
        verdict.code,
        now,
      );
      return { order: publicOrder(order), previous: current.status };
    }
    const paid = verdict.kind === 'paid';
    const { order: updated } = this.#write(
      `UPDATE order_record SET status = ?, result_code = ?, updated_at = ?, paid_at = ?, payment_method = ?, pay_id = ?, payer_phone = ?,
         index_version = index_version + 1 RETURNING *`,
      next,
      verdict.code,
      now,
      paid ? now : null,
      paid ? verdict.paymentMethod : null,
      paid ? verdict.payId : null,
      paid ? verdict.payerPhone : null,
    );
    this.#ensure('order_log');
    appendLog(this.#sql, 'transition', { from: current.status, to: next, code: verdict.code, source }, now);
    if (next === 'ACCEPTED') {
      this.#ensure('deliveries');
      if (config.webhookUrl) this.#outbox.enqueuePaid(updated, config.webhookUrl);
      this.#outbox.enqueueNotices(updated, config);
    }
    logEvent('transition', { transId: current.transId, from: current.status, to: next, code: verdict.code, source });
    return { order: publicOrder(updated), previous: current.status };
  }

  /** Logs a notification: its known fields and what its verification concluded. */
  #recordNotification(fields: Readonly<Record<string, string>>, outcome: string): void {
    this.#ensure('order_log');
    appendLog(this.#sql, 'notification', { fields: knownFields(fields), outcome });
  }

  /**
   * Deletes an order never signed, or never paid by its retention time;
   * re-checks the order if its schedule says so, sends what the outbox
   * holds, retries a failed index write, and sets the next alarm.
   */
  override async alarm(): Promise<void> {
    const config = this.#config();
    const stored = this.#stored();
    if (!stored) return;
    // The runtime spent this alarm: without a next one, the order would never re-check, deliver or expire again.
    if (!config) {
      await this.ctx.storage.setAlarm(Date.now() + CONFIG_RETRY_DELAY_MS);
      return;
    }
    if (stored.order.signature === '') {
      // Its checkout may still be waiting for CinetPay's signature (a first re-check sooner than UPSTREAM_TIMEOUT_MS): not before that wait is over.
      const signedBy = Date.parse(stored.order.createdAt) + config.timeoutMs + SIGNATURE_MARGIN_MS;
      if (Date.now() < signedBy) await this.ctx.storage.setAlarm(signedBy);
      else await this.#forget(stored.order);
      return;
    }
    if (this.#expired(stored.order, config)) {
      await this.#expire(config);
      return;
    }
    await this.#recheckIfDue(config);
    const deliveries = this.#tables.has('deliveries') ? await this.#outbox.deliverDue(config, this.env) : [];
    const next = [await this.#syncIndex(), ...deliveries, this.#nextRecheckAt(config), this.#expiresAt(config)];
    const times = next.filter((time): time is number => time !== null);
    if (times.length > 0) await this.ctx.storage.setAlarm(Math.min(...times));
  }

  /** When an order never paid is deleted, or `null` for a paid one. */
  #expiresAt(config: Config): number | null {
    const order = this.#read();
    return !order || order.status === 'ACCEPTED' ? null : Date.parse(order.createdAt) + config.unpaidRetentionMs;
  }

  #expired(order: OrderRecord, config: Config): boolean {
    return order.status !== 'ACCEPTED' && Date.parse(order.createdAt) + config.unpaidRetentionMs <= Date.now();
  }

  /**
   * Deletes an order past its retention time, after one last check: a
   * payment may have gone through since the last scheduled one, or a check
   * may be in flight (the gate waits for it). If CinetPay cannot say, the
   * order waits for a later alarm.
   */
  async #expire(config: Config): Promise<void> {
    const outcome = await this.verify('schedule');
    if (!outcome.ok && outcome.error.kind === 'upstream' && outcome.error.error.kind !== 'refused') {
      await this.ctx.storage.setAlarm(Date.now() + EXPIRY_RETRY_DELAY_MS);
      return;
    }
    const order = this.#read();
    if (order && this.#expired(order, config)) await this.#forget(order);
  }

  /** Deletes the order and, if it was ever indexed, its index row; a failed index delete is retried by the next alarm. */
  async #forget(order: OrderRecord): Promise<void> {
    if (order.signature !== '') {
      try {
        await deleteIndex(this.env.ORDER_DB, order.transId);
      } catch (error) {
        logEvent('index_delete_failed', { transId: order.transId, error: error instanceof Error ? error.name : 'error' }, 'warn');
        await this.ctx.storage.setAlarm(Date.now() + INDEX_RETRY_DELAY_MS);
        return;
      }
      // A check in flight may have accepted it meanwhile: it is kept, and its index row written again.
      if (this.#read()?.status === 'ACCEPTED') {
        this.#write('UPDATE order_record SET indexed_version = 0 RETURNING *');
        await this.ctx.storage.setAlarm(Date.now());
        return;
      }
      logEvent('expired', { transId: order.transId, status: order.status });
    }
    await this.#erase();
  }

  /** When the next scheduled re-check is due, or `null` once the order is ACCEPTED or the schedule is spent. */
  #nextRecheckAt(config: Config): number | null {
    const stored = this.#stored();
    if (!stored || stored.order.status === 'ACCEPTED') return null;
    const offset = config.recheckScheduleMs[stored.rechecksDone];
    return offset === undefined ? null : Date.parse(stored.order.createdAt) + offset;
  }

  /**
   * A due re-check. The schedule advances whatever the answer, an upstream
   * fault included: the next offset is the retry, and an order that nobody
   * ever paid costs exactly one call per offset. A late alarm catches up one
   * offset at a time, never skipping one.
   */
  async #recheckIfDue(config: Config): Promise<void> {
    const due = this.#nextRecheckAt(config);
    if (due === null || due > Date.now()) return;
    const outcome = await this.verify('schedule');
    // An abandoned checkout is unknown to CinetPay (a refusal): expected, not worth a line. A fault is.
    if (!outcome.ok && outcome.error.kind === 'upstream' && outcome.error.error.kind !== 'refused') {
      logEvent('recheck_failed', { transId: this.#read()?.transId ?? null, detail: outcome.error.error.detail }, 'warn');
    }
    this.#write('UPDATE order_record SET rechecks_done = rechecks_done + 1 RETURNING *');
  }

  /** Writes the index now; if D1 fails, the alarm retries it. */
  async #indexNow(): Promise<void> {
    const retryAt = await this.#syncIndex();
    if (retryAt === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || retryAt < current) await this.ctx.storage.setAlarm(retryAt);
  }

  /** Writes the index if it is behind; returns when to try again, or `null` when it is up to date. */
  async #syncIndex(): Promise<number | null> {
    const stored = this.#stored();
    const order = this.#read();
    if (!stored || !order || stored.indexedVersion >= stored.indexVersion) return null;
    const version = stored.indexVersion;
    try {
      await writeIndex(this.env.ORDER_DB, order, version);
      const written = this.#write('UPDATE order_record SET indexed_version = MAX(indexed_version, ?) RETURNING *', version);
      return written.indexedVersion < written.indexVersion ? Date.now() : null;
    } catch (error) {
      logEvent('index_write_failed', { transId: order.transId, error: error instanceof Error ? error.name : 'error' }, 'warn');
      return Date.now() + INDEX_RETRY_DELAY_MS;
    }
  }
}
