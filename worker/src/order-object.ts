/**
 * The `Order` Durable Object: one per `cpm_trans_id`, the single source of
 * truth for that order. It owns the order row, its transitions, every
 * notification received, and the outbox of its `order.paid` event.
 *
 * Invariants:
 * - A verification awaits `checkPayStatus` first, then reads the current
 *   state, decides and writes in one synchronous SQLite transaction: no
 *   `await` between the check and the write, so concurrent notifications
 *   cannot both see PENDING. PENDING -> ACCEPTED happens once; ACCEPTED is
 *   never left. Concurrent verifications share a `checkPayStatus` call that
 *   started after they arrived.
 * - The `order.paid` delivery is written in the same transaction as the
 *   ACCEPTED transition, with a stable webhook id, and the alarm sends it
 *   until the receiver answers 2xx.
 * - An object that never received `create` stores nothing: a forged
 *   transaction id leaves no trace.
 */

import { DurableObject } from 'cloudflare:workers';
import type { OrderStatus, PublicOrder } from '../../shared/checkout-api';
import { err, ok, type Result } from '../../shared/result';
import { type Currency, type Language, NOTIFICATION_FIELDS } from '../../shared/wire';
import type { ClientError } from './cinetpay-client';
import { CinetpayV1 } from './cinetpay-v1';
import { type Config, readConfig } from './config';
import { writeIndex } from './order-index';
import {
  type CheckSource,
  type Delivery,
  describeVerdict,
  type NewOrder,
  nextStatus,
  type OrderRecord,
  type OrderSnapshot,
  publicOrder,
  type ReceivedNotification,
  type Transition,
} from './order-record';
import type { PaymentProvider, ProviderError, Verdict } from './payment-provider';
import { signWebhook } from './standard-webhooks';

export type VerifyFailure = { readonly kind: 'not_found' } | { readonly kind: 'configuration' } | { readonly kind: 'upstream'; readonly error: ClientError };

export interface VerifyOutcome {
  readonly order: PublicOrder;
  /** The status before this verification; equal to `order.status` when nothing changed. */
  readonly previous: OrderStatus;
}

/** A first retry soon, doubling up to an hour; a receiver down for a day still gets its event. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Stop retrying after three days, as Stripe does; the delivery stays visible in /admin. */
const DELIVERY_GIVE_UP_MS = 3 * 24 * 60 * 60 * 1000;
const INDEX_RETRY_DELAY_MS = 30_000;
const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_NOTIFICATION_FIELD_LENGTH = 255;
const MAX_STORED_NOTIFICATIONS = 100;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS order_record (
  trans_id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
  designation TEXT NOT NULL, custom TEXT NOT NULL, lang TEXT NOT NULL, phone TEXT, phone_prefix TEXT,
  signature TEXT NOT NULL, site_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  paid_at TEXT, payment_method TEXT, pay_id TEXT, result_code TEXT,
  index_version INTEGER NOT NULL DEFAULT 1, indexed_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS transitions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, from_status TEXT, to_status TEXT NOT NULL, code TEXT,
  source TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, fields TEXT NOT NULL, outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
  webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, delivered_at TEXT, last_status INTEGER, last_error TEXT
);`;

type Row = Record<string, SqlStorageValue>;

function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : String(value ?? '');
}

function nullableText(row: Row, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

function nullableNumber(row: Row, column: string): number | null {
  const value = row[column];
  return typeof value === 'number' ? value : null;
}

function toOrder(row: Row): OrderRecord {
  return {
    transId: text(row, 'trans_id'),
    status: text(row, 'status') as OrderStatus,
    amount: Number(row['amount']),
    currency: text(row, 'currency') as Currency,
    designation: text(row, 'designation'),
    custom: text(row, 'custom'),
    lang: text(row, 'lang') as Language,
    phone: nullableText(row, 'phone'),
    phonePrefix: nullableText(row, 'phone_prefix'),
    signature: text(row, 'signature'),
    siteId: text(row, 'site_id'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
    paidAt: nullableText(row, 'paid_at'),
    paymentMethod: nullableText(row, 'payment_method'),
    payId: nullableText(row, 'pay_id'),
    resultCode: nullableText(row, 'result_code'),
  };
}

/** Keeps the notification fields the guide defines, cut to a sane length: the body is untrusted input. */
function knownFields(fields: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of NOTIFICATION_FIELDS) {
    const value = fields[name];
    if (value !== undefined) kept[name] = value.slice(0, MAX_NOTIFICATION_FIELD_LENGTH);
  }
  return kept;
}

function retryDelay(baseMs: number, attempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export class Order extends DurableObject<Env> {
  /** How many `checkPayStatus` calls this instance has started; numbers the one in flight. */
  #checksStarted = 0;
  #check: { readonly number: number; readonly verdict: Promise<Result<Verdict, ProviderError>> } | undefined;

  get #sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  #exists(): boolean {
    return this.#sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'order_record'").toArray().length > 0;
  }

  #read(): OrderRecord | null {
    if (!this.#exists()) return null;
    const row = this.#sql.exec('SELECT * FROM order_record LIMIT 1').toArray()[0];
    return row ? toOrder(row) : null;
  }

  #config(): Config | null {
    const config = readConfig(this.env);
    return config.ok ? config.value : null;
  }

  /** Stores a new PENDING order. Fails if this transaction id already has one. */
  async create(order: NewOrder): Promise<Result<PublicOrder, 'ORDER_EXISTS'>> {
    const created = this.ctx.storage.transactionSync(() => {
      this.#sql.exec(SCHEMA);
      if (this.#read()) return null;
      this.#sql.exec(
        `INSERT INTO order_record (trans_id, status, amount, currency, designation, custom, lang, phone, phone_prefix,
           signature, site_id, created_at, updated_at) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        order.transId,
        order.amount,
        order.currency,
        order.designation,
        order.custom,
        order.lang,
        order.phone,
        order.phonePrefix,
        order.signature,
        order.siteId,
        order.createdAt,
        order.createdAt,
      );
      this.#sql.exec("INSERT INTO transitions (from_status, to_status, code, source, at) VALUES (NULL, 'PENDING', NULL, 'checkout', ?)", order.createdAt);
      return this.#read();
    });
    if (!created) return err('ORDER_EXISTS');
    await this.ctx.storage.setAlarm(Date.now());
    return ok(publicOrder(created));
  }

  /** The public view, or `null` for an unknown transaction. */
  async view(): Promise<PublicOrder | null> {
    const order = this.#read();
    return order ? publicOrder(order) : null;
  }

  /** Everything stored, for /admin. */
  async snapshot(): Promise<OrderSnapshot | null> {
    const order = this.#read();
    if (!order) return null;
    const transitions: Transition[] = this.#sql
      .exec('SELECT * FROM transitions ORDER BY id')
      .toArray()
      .map((row) => ({
        from: nullableText(row, 'from_status') as OrderStatus | null,
        to: text(row, 'to_status') as OrderStatus,
        code: nullableText(row, 'code'),
        source: text(row, 'source') as Transition['source'],
        at: text(row, 'at'),
      }));
    const notifications: ReceivedNotification[] = this.#sql
      .exec('SELECT * FROM notifications ORDER BY id')
      .toArray()
      .map((row) => ({
        receivedAt: text(row, 'received_at'),
        fields: JSON.parse(text(row, 'fields')) as Record<string, string>,
        outcome: text(row, 'outcome'),
      }));
    const deliveries: Delivery[] = this.#sql
      .exec('SELECT * FROM deliveries')
      .toArray()
      .map((row) => {
        const next = nullableNumber(row, 'next_attempt_at');
        return {
          webhookId: text(row, 'webhook_id'),
          attempts: Number(row['attempts']),
          nextAttemptAt: next === null ? null : new Date(next).toISOString(),
          deliveredAt: nullableText(row, 'delivered_at'),
          lastStatus: nullableNumber(row, 'last_status'),
          lastError: nullableText(row, 'last_error'),
        };
      });
    return { order, transitions, notifications, deliveries };
  }

  /**
   * Asks the payment service about this transaction and applies its verdict.
   * `notification` is the body that prompted the check, kept for the record
   * only: nothing in it is trusted.
   */
  async verify(source: CheckSource, notification?: Readonly<Record<string, string>>): Promise<Result<VerifyOutcome, VerifyFailure>> {
    const order = this.#read();
    if (!order) return err({ kind: 'not_found' });
    const config = this.#config();
    if (!config) return err({ kind: 'configuration' });
    if (order.status === 'ACCEPTED') {
      // Final: no answer from CinetPay can change it, so there is nothing to ask.
      if (notification) this.#recordNotification(notification, 'already accepted');
      return ok({ order: publicOrder(order), previous: order.status });
    }
    const verdict = await this.#freshVerdict(this.#checksStarted, new CinetpayV1(config), order);
    if (verdict === 'accepted') {
      const accepted = this.#read() ?? order;
      if (notification) this.#recordNotification(notification, 'already accepted');
      return ok({ order: publicOrder(accepted), previous: accepted.status });
    }
    if (!verdict.ok) {
      if (notification) this.#recordNotification(notification, `upstream ${verdict.error.kind}`);
      return err({ kind: 'upstream', error: verdict.error });
    }
    const outcome = this.ctx.storage.transactionSync(() => this.#apply(verdict.value, source, config, notification));
    if (outcome.order.status !== outcome.previous) await this.ctx.storage.setAlarm(Date.now());
    if (verdict.value.kind === 'mismatch') {
      console.warn(`order ${order.transId}: CinetPay reports it paid but ${verdict.value.reason}; not accepted`);
    }
    return ok(outcome);
  }

  /**
   * The verdict of a `checkPayStatus` call that started after the caller
   * arrived (after check number `arrival`), shared by every caller waiting
   * for one: a storm of concurrent notifications costs two calls, not one
   * per notification, and no caller gets an answer older than its own
   * notification. `'accepted'` when the order became ACCEPTED while waiting.
   */
  async #freshVerdict(arrival: number, provider: PaymentProvider, order: OrderRecord): Promise<Result<Verdict, ProviderError> | 'accepted'> {
    for (;;) {
      const running = this.#check;
      if (running && running.number > arrival) return running.verdict;
      if (running) {
        await running.verdict;
        if (this.#read()?.status === 'ACCEPTED') return 'accepted';
        continue;
      }
      const number = ++this.#checksStarted;
      const verdict = provider.verify({ transId: order.transId, amount: order.amount, signature: order.signature });
      this.#check = { number, verdict };
      void verdict.finally(() => {
        if (this.#check?.number === number) this.#check = undefined;
      });
      return verdict;
    }
  }

  /** Check and set in one synchronous step: nothing else can run between the read and the write. */
  #apply(verdict: Verdict, source: CheckSource, config: Config, notification?: Readonly<Record<string, string>>): VerifyOutcome {
    const current = this.#read();
    if (!current) throw new Error('order vanished inside a transaction');
    const next = nextStatus(current.status, verdict);
    const now = new Date().toISOString();
    if (notification) this.#recordNotification(notification, describeVerdict(verdict));
    if (next === null) {
      // An accepted order keeps the 00 it was accepted with; a late, stale answer must not overwrite it.
      if (current.status === 'ACCEPTED') return { order: publicOrder(current), previous: current.status };
      this.#sql.exec('UPDATE order_record SET result_code = ?, updated_at = ? WHERE trans_id = ?', verdict.code, now, current.transId);
      return { order: publicOrder({ ...current, resultCode: verdict.code }), previous: current.status };
    }
    const paid = verdict.kind === 'paid';
    this.#sql.exec(
      `UPDATE order_record SET status = ?, result_code = ?, updated_at = ?, paid_at = ?, payment_method = ?, pay_id = ?,
         index_version = index_version + 1 WHERE trans_id = ?`,
      next,
      verdict.code,
      now,
      paid ? now : null,
      paid ? verdict.paymentMethod : null,
      paid ? verdict.payId : null,
      current.transId,
    );
    this.#sql.exec(
      'INSERT INTO transitions (from_status, to_status, code, source, at) VALUES (?, ?, ?, ?, ?)',
      current.status,
      next,
      verdict.code,
      source,
      now,
    );
    const updated = this.#read() ?? current;
    if (next === 'ACCEPTED' && config.webhookUrl) this.#enqueuePaidEvent(updated, config.webhookUrl);
    return { order: publicOrder(updated), previous: current.status };
  }

  #recordNotification(fields: Readonly<Record<string, string>>, outcome: string): void {
    this.#sql.exec(
      'INSERT INTO notifications (received_at, fields, outcome) VALUES (?, ?, ?)',
      new Date().toISOString(),
      JSON.stringify(knownFields(fields)),
      outcome,
    );
    this.#sql.exec('DELETE FROM notifications WHERE id <= (SELECT MAX(id) FROM notifications) - ?', MAX_STORED_NOTIFICATIONS);
  }

  #enqueuePaidEvent(order: OrderRecord, url: string): void {
    const body = JSON.stringify({
      type: 'order.paid',
      timestamp: order.paidAt,
      data: {
        transId: order.transId,
        amount: order.amount,
        currency: order.currency,
        designation: order.designation,
        custom: order.custom,
        paymentMethod: order.paymentMethod,
        payId: order.payId,
        paidAt: order.paidAt,
      },
    });
    this.#sql.exec(
      'INSERT OR IGNORE INTO deliveries (webhook_id, url, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      `msg_${order.transId}_paid`,
      url,
      body,
      Date.now(),
      Date.now(),
    );
  }

  /** Sends what the outbox holds (the index entry, the order.paid event) and schedules the next try. */
  override async alarm(): Promise<void> {
    const config = this.#config();
    const order = this.#read();
    if (!order || !config) return;
    const nextTimes = [await this.#syncIndex(), ...(await this.#deliverDue(config))].filter((time): time is number => time !== null);
    if (nextTimes.length > 0) await this.ctx.storage.setAlarm(Math.min(...nextTimes));
  }

  /** Writes the index if it is behind; returns when to try again, or `null` when it is up to date. */
  async #syncIndex(): Promise<number | null> {
    const row = this.#sql.exec('SELECT index_version, indexed_version FROM order_record LIMIT 1').toArray()[0];
    const order = this.#read();
    if (!row || !order) return null;
    const version = Number(row['index_version']);
    if (Number(row['indexed_version']) >= version) return null;
    try {
      await writeIndex(this.env.ORDER_INDEX, order);
      this.#sql.exec('UPDATE order_record SET indexed_version = MAX(indexed_version, ?)', version);
      return this.#sql.exec('SELECT 1 FROM order_record WHERE indexed_version < index_version').toArray().length > 0 ? Date.now() : null;
    } catch {
      return Date.now() + INDEX_RETRY_DELAY_MS;
    }
  }

  /** Attempts every due delivery once; returns the next attempt times of those still undelivered. */
  async #deliverDue(config: Config): Promise<number[]> {
    const pending = this.#sql.exec('SELECT * FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL').toArray();
    const next: number[] = [];
    for (const row of pending) {
      const due = Number(row['next_attempt_at']);
      if (due > Date.now()) {
        next.push(due);
        continue;
      }
      const retryAt = await this.#attempt(row, config);
      if (retryAt !== null) next.push(retryAt);
    }
    return next;
  }

  async #attempt(row: Row, config: Config): Promise<number | null> {
    const id = text(row, 'webhook_id');
    const body = text(row, 'body');
    const attempts = Number(row['attempts']) + 1;
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const headers = await signWebhook(config.webhookSecret, id, Math.floor(Date.now() / 1000), body);
      const response = await fetch(text(row, 'url'), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'cinetpay-edge' },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      failure = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error';
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const givenUp = !delivered && Date.now() - Number(row['created_at']) > DELIVERY_GIVE_UP_MS;
    const retryAt = delivered || givenUp ? null : Date.now() + retryDelay(config.webhookRetryBaseMs, attempts);
    this.#sql.exec(
      'UPDATE deliveries SET attempts = ?, last_status = ?, last_error = ?, delivered_at = ?, next_attempt_at = ? WHERE webhook_id = ?',
      attempts,
      status,
      failure ?? (delivered ? null : `HTTP ${status}`),
      delivered ? new Date().toISOString() : null,
      retryAt,
      id,
    );
    console.log(`order.paid ${id}: attempt ${attempts} -> ${delivered ? 'delivered' : (failure ?? `HTTP ${status}`)}${givenUp ? ' (given up)' : ''}`);
    return retryAt;
  }
}
