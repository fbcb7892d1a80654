/**
 * The outbox of one `Order` object: the events it must deliver to the
 * merchant (today `order.paid`), stored in the object's SQLite in the same
 * transaction as the transition that caused them, and sent by its alarm with
 * Standard Webhooks signatures until the receiver answers 2xx. Each event has
 * a stable id (`webhook-id`), so a receiver deduplicates the retries. Every
 * attempt is logged (`delivery_log`) for the console's timeline, and the
 * merchant may ask for a delivered event again: the same id, the same bytes.
 */

import { backoffDelayMs } from '../../shared/backoff';
import type { Config } from './config';
import type { Delivery, DeliveryLogEntry, OrderRecord } from './order-record';
import { signWebhook } from './standard-webhooks';

/** A first retry soon, doubling up to an hour; a receiver down for a day still gets its event. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Stop retrying after three days, as Stripe does; the delivery stays visible in /admin. */
const DELIVERY_GIVE_UP_MS = 3 * 24 * 60 * 60 * 1000;
const WEBHOOK_TIMEOUT_MS = 10_000;

export const OUTBOX_SCHEMA = `CREATE TABLE IF NOT EXISTS deliveries (
  webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, delivered_at TEXT, last_status INTEGER, last_error TEXT
);
CREATE TABLE IF NOT EXISTS delivery_log (
  id INTEGER PRIMARY KEY, webhook_id TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL, attempt INTEGER,
  status INTEGER, error TEXT
);`;

/** Three days of hourly retries is about 80 attempts; the log keeps the latest this many entries. */
const KEPT_LOG_ENTRIES = 200;

type DeliveryRow = {
  readonly webhook_id: string;
  readonly url: string;
  readonly body: string;
  readonly created_at: number;
  readonly attempts: number;
  readonly next_attempt_at: number | null;
  readonly delivered_at: string | null;
  readonly last_status: number | null;
  readonly last_error: string | null;
};

type LogRow = {
  readonly webhook_id: string;
  readonly at: string;
  readonly event: string;
  readonly attempt: number | null;
  readonly status: number | null;
  readonly error: string | null;
};

/** The `order.paid` event body: what the merchant needs to fulfil, nothing secret. */
function paidEvent(order: OrderRecord): string {
  return JSON.stringify({
    type: 'order.paid',
    timestamp: order.paidAt,
    data: {
      transId: order.transId,
      kind: order.kind,
      productId: order.productId,
      amount: order.amount,
      currency: order.currency,
      designation: order.designation,
      custom: order.custom,
      paymentMethod: order.paymentMethod,
      payId: order.payId,
      paidAt: order.paidAt,
    },
  });
}

/** The `order.paid` event's id: one per order, forever. */
export function paidWebhookId(transId: string): string {
  return `msg_${transId}_paid`;
}

export class OrderOutbox {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Queues `order.paid`; call inside the transaction that accepts the order. A second call changes nothing. */
  enqueuePaid(order: OrderRecord, url: string): void {
    this.#sql.exec(
      'INSERT OR IGNORE INTO deliveries (webhook_id, url, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      paidWebhookId(order.transId),
      url,
      paidEvent(order),
      Date.now(),
      Date.now(),
    );
  }

  /** Every delivery and where it stands, for /admin. */
  list(): Delivery[] {
    return this.#sql
      .exec<DeliveryRow>('SELECT * FROM deliveries')
      .toArray()
      .map((row) => ({
        webhookId: row.webhook_id,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at).toISOString(),
        deliveredAt: row.delivered_at,
        lastStatus: row.last_status,
        lastError: row.last_error,
      }));
  }

  /** Every attempt and resend request, oldest first, for the console's timeline. */
  log(): DeliveryLogEntry[] {
    return this.#sql
      .exec<LogRow>('SELECT * FROM delivery_log ORDER BY id')
      .toArray()
      .map((row) => ({
        webhookId: row.webhook_id,
        at: row.at,
        event: row.event as DeliveryLogEntry['event'],
        attempt: row.attempt,
        status: row.status,
        error: row.error,
      }));
  }

  /**
   * Sends an event again, as the merchant asks from the console: the same
   * webhook-id and body, due now, and a fresh three-day retry window.
   * Returns false when there is no such event (no webhook URL when the order
   * was paid, or not paid).
   */
  resend(webhookId: string): boolean {
    const found = this.#sql.exec('SELECT 1 FROM deliveries WHERE webhook_id = ?', webhookId).toArray().length > 0;
    if (!found) return false;
    this.#sql.exec('UPDATE deliveries SET delivered_at = NULL, next_attempt_at = ?, created_at = ? WHERE webhook_id = ?', Date.now(), Date.now(), webhookId);
    this.#logEntry(webhookId, 'resend', null, null, null);
    return true;
  }

  /** Appends to the log; it is trimmed only once it is longer than it keeps. */
  #logEntry(webhookId: string, event: DeliveryLogEntry['event'], attempt: number | null, status: number | null, error: string | null): void {
    const [row] = this.#sql
      .exec<{ id: number }>(
        'INSERT INTO delivery_log (webhook_id, at, event, attempt, status, error) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        webhookId,
        new Date().toISOString(),
        event,
        attempt,
        status,
        error,
      )
      .toArray();
    if ((row?.id ?? 0) <= KEPT_LOG_ENTRIES) return;
    this.#sql.exec('DELETE FROM delivery_log WHERE id NOT IN (SELECT id FROM delivery_log ORDER BY id DESC LIMIT ?)', KEPT_LOG_ENTRIES);
  }

  /** Attempts every due delivery once; returns the next attempt times of those still undelivered. */
  async deliverDue(config: Config): Promise<number[]> {
    const pending = this.#sql.exec<DeliveryRow>('SELECT * FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL').toArray();
    const next: number[] = [];
    for (const row of pending) {
      const due = row.next_attempt_at ?? Date.now();
      const retryAt = due > Date.now() ? due : await this.#attempt(row, config);
      if (retryAt !== null) next.push(retryAt);
    }
    return next;
  }

  async #attempt(row: DeliveryRow, config: Config): Promise<number | null> {
    const attempts = row.attempts + 1;
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const headers = await signWebhook(config.webhookSecret, row.webhook_id, Math.floor(Date.now() / 1000), row.body);
      const response = await fetch(row.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'cinetpay-edge' },
        body: row.body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      failure = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error';
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const givenUp = !delivered && Date.now() - row.created_at > DELIVERY_GIVE_UP_MS;
    const retryAt = delivered || givenUp ? null : Date.now() + backoffDelayMs(attempts, config.webhookRetryBaseMs, MAX_RETRY_DELAY_MS);
    this.#sql.exec(
      'UPDATE deliveries SET attempts = ?, last_status = ?, last_error = ?, delivered_at = ?, next_attempt_at = ? WHERE webhook_id = ?',
      attempts,
      status,
      failure ?? (delivered ? null : `HTTP ${status}`),
      delivered ? new Date().toISOString() : null,
      retryAt,
      row.webhook_id,
    );
    this.#logEntry(row.webhook_id, 'attempt', attempts, status, failure ?? (delivered ? null : `HTTP ${status}`));
    console.log(
      JSON.stringify({
        event: 'delivery',
        webhookId: row.webhook_id,
        attempt: attempts,
        result: delivered ? 'delivered' : (failure ?? `HTTP ${status}`),
        givenUp,
      }),
    );
    return retryAt;
  }
}
