/**
 * The outbox of one `Order` object: the events it must deliver to the
 * merchant (today `order.paid`), stored in the object's SQLite in the same
 * transaction as the transition that caused them, and sent by its alarm with
 * Standard Webhooks signatures until the receiver answers 2xx. Each event has
 * a stable id (`webhook-id`), so a receiver deduplicates the retries.
 */

import { backoffDelayMs } from '../../shared/backoff';
import type { Config } from './config';
import type { Delivery, OrderRecord } from './order-record';
import { signWebhook } from './standard-webhooks';

/** A first retry soon, doubling up to an hour; a receiver down for a day still gets its event. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Stop retrying after three days, as Stripe does; the delivery stays visible in /admin. */
const DELIVERY_GIVE_UP_MS = 3 * 24 * 60 * 60 * 1000;
const WEBHOOK_TIMEOUT_MS = 10_000;

export const OUTBOX_SCHEMA = `CREATE TABLE IF NOT EXISTS deliveries (
  webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, delivered_at TEXT, last_status INTEGER, last_error TEXT
);`;

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

export class OrderOutbox {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Queues `order.paid`; call inside the transaction that accepts the order. A second call changes nothing. */
  enqueuePaid(order: OrderRecord, url: string): void {
    this.#sql.exec(
      'INSERT OR IGNORE INTO deliveries (webhook_id, url, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      `msg_${order.transId}_paid`,
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
    console.log(
      `order.paid ${row.webhook_id}: attempt ${attempts} -> ${delivered ? 'delivered' : (failure ?? `HTTP ${status}`)}${givenUp ? ' (given up)' : ''}`,
    );
    return retryAt;
  }
}
