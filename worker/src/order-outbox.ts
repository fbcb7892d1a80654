/**
 * The outbox of one `Order` object: what it must deliver to the merchant when
 * the order is paid — the `order.paid` webhook, and one paid-order notice per
 * channel the merchant turned on (email, Telegram, Slack, Discord) — stored
 * in the object's SQLite in the same transaction as the transition that
 * caused them, and sent by its alarm until each is delivered. The webhook is
 * signed with Standard Webhooks and has a stable id (`webhook-id`), so a
 * receiver deduplicates the retries; a notice has one row per order and
 * channel (`notice_<transId>_<channel>`), marked delivered by its first
 * success and never attempted again, however often CinetPay notifies or the
 * alarm runs. Every attempt is logged (order-log.ts) for the console's
 * timeline, and the merchant may ask for a delivered `order.paid` again: the
 * same id, the same bytes.
 */

import type { DeliveryChannel } from '../../shared/api/admin';
import { backoffDelayMs } from '../../shared/backoff';
import type { Config, NoticeChannel } from './config';
import { logEvent } from './log-event';
import { noticeEmail } from './notice-email';
import { type SendOutcome, sendNotice } from './notice-senders';
import { appendLog, readLog } from './order-log';
import type { Delivery, DeliveryLogEntry, OrderRecord } from './order-record';
import { discordPayload, paidOrderNotice, slackPayload, telegramPayload } from './paid-order-notice';
import { signWebhook } from './standard-webhooks';

/** A first retry soon, doubling up to an hour; a receiver down for a day still gets its event. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Stop retrying after three days, as Stripe does; the delivery stays visible in /admin. */
const DELIVERY_GIVE_UP_MS = 3 * 24 * 60 * 60 * 1000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * `url` is the webhook's at payment time, used only if FULFILLMENT_WEBHOOK_URL is unset since; every target is read from the
 * settings at each attempt (a notice's in notice-senders.ts), so a notice's is empty.
 * WITHOUT ROWID: the rows live in the primary key's B-tree, which saves the page a separate index would take.
 */
export const OUTBOX_SCHEMA = `CREATE TABLE IF NOT EXISTS deliveries (
  webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, delivered_at TEXT, last_status INTEGER, last_error TEXT,
  channel TEXT NOT NULL DEFAULT 'webhook'
) WITHOUT ROWID`;

type DeliveryRow = {
  readonly webhook_id: string;
  readonly channel: DeliveryChannel;
  readonly url: string;
  readonly body: string;
  readonly created_at: number;
  readonly attempts: number;
  readonly next_attempt_at: number | null;
  readonly delivered_at: string | null;
  readonly last_status: number | null;
  readonly last_error: string | null;
};

/** What the log holds of an attempt or a resend request; the channel is the delivery's. */
type LoggedDelivery = Omit<DeliveryLogEntry, 'channel' | 'at'>;

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

/** A notice's id: one per order and channel, forever. */
function noticeId(transId: string, channel: NoticeChannel): string {
  return `notice_${transId}_${channel}`;
}

/** What each enabled channel will be sent, rendered once, when the order is paid. */
function noticeBodies(order: OrderRecord, config: Config): [NoticeChannel, string][] {
  const notice = paidOrderNotice(order, config);
  const { email, telegram, slack, discord } = config.notices;
  const bodies: [NoticeChannel, string][] = [];
  if (email) bodies.push(['email', noticeEmail(notice, { ...email, fromName: config.merchantName }, order.transId, order.paidAt ?? order.updatedAt)]);
  if (telegram) bodies.push(['telegram', telegramPayload(notice, telegram.chatId)]);
  if (slack) bodies.push(['slack', slackPayload(notice)]);
  if (discord) bodies.push(['discord', discordPayload(notice)]);
  return bodies;
}

/** True when a paid order has something to send: `order.paid`, a notice, or both. */
export function sendsWhenPaid(config: Config): boolean {
  const { email, telegram, slack, discord } = config.notices;
  return config.webhookUrl !== null || [email, telegram, slack, discord].some((channel) => channel !== null);
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

  /** Queues one notice per enabled channel; call inside the transaction that accepts the order. A second call changes nothing. */
  enqueueNotices(order: OrderRecord, config: Config): void {
    for (const [channel, body] of noticeBodies(order, config)) {
      this.#sql.exec(
        "INSERT OR IGNORE INTO deliveries (webhook_id, channel, url, body, created_at, next_attempt_at) VALUES (?, ?, '', ?, ?, ?)",
        noticeId(order.transId, channel),
        channel,
        body,
        Date.now(),
        Date.now(),
      );
    }
  }

  /** Every delivery and where it stands, for /admin. */
  list(): Delivery[] {
    return this.#sql
      .exec<DeliveryRow>('SELECT * FROM deliveries')
      .toArray()
      .map((row) => ({
        webhookId: row.webhook_id,
        channel: row.channel,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at).toISOString(),
        deliveredAt: row.delivered_at,
        lastStatus: row.last_status,
        lastError: row.last_error,
      }));
  }

  /** Every attempt and resend request, oldest first, for the console's timeline. */
  log(): DeliveryLogEntry[] {
    const channels = new Map(
      this.#sql
        .exec<{ webhook_id: string; channel: DeliveryChannel }>('SELECT webhook_id, channel FROM deliveries')
        .toArray()
        .map((row) => [row.webhook_id, row.channel]),
    );
    return readLog<LoggedDelivery>(this.#sql, 'delivery').map((entry) => ({ ...entry, channel: channels.get(entry.webhookId) ?? 'webhook' }));
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

  #logEntry(webhookId: string, event: DeliveryLogEntry['event'], attempt: number | null, status: number | null, error: string | null): void {
    const entry: LoggedDelivery = { webhookId, event, attempt, status, error };
    appendLog(this.#sql, 'delivery', entry);
  }

  /** Attempts every due delivery once; returns the next attempt times of those still undelivered. */
  async deliverDue(config: Config, env: Env): Promise<number[]> {
    const pending = this.#sql.exec<DeliveryRow>('SELECT * FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL').toArray();
    const next: number[] = [];
    for (const row of pending) {
      const due = row.next_attempt_at ?? Date.now();
      const retryAt = due > Date.now() ? due : await this.#attempt(row, config, env);
      if (retryAt !== null) next.push(retryAt);
    }
    return next;
  }

  /**
   * The signed `order.paid` POST; 2xx means delivered. It goes where
   * FULFILLMENT_WEBHOOK_URL says now, as the notices do: a merchant who
   * corrects the URL gets the retries and re-sends of orders paid before.
   */
  async #sendWebhook(row: DeliveryRow, config: Config): Promise<SendOutcome> {
    try {
      const headers = await signWebhook(config.webhookSecret, row.webhook_id, Math.floor(Date.now() / 1000), row.body);
      const response = await fetch(config.webhookUrl ?? row.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'cinetpay-edge' },
        body: row.body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
      const delivered = response.status >= 200 && response.status < 300;
      return { status: response.status, error: delivered ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { status: null, error: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error' };
    }
  }

  async #attempt(row: DeliveryRow, config: Config, env: Env): Promise<number | null> {
    const attempts = row.attempts + 1;
    const { status, error } = row.channel === 'webhook' ? await this.#sendWebhook(row, config) : await sendNotice(row.channel, row.body, config, env);
    const delivered = error === null;
    const givenUp = !delivered && Date.now() - row.created_at > DELIVERY_GIVE_UP_MS;
    const retryAt = delivered || givenUp ? null : Date.now() + backoffDelayMs(attempts, config.webhookRetryBaseMs, MAX_RETRY_DELAY_MS);
    this.#sql.exec(
      'UPDATE deliveries SET attempts = ?, last_status = ?, last_error = ?, delivered_at = ?, next_attempt_at = ? WHERE webhook_id = ?',
      attempts,
      status,
      error,
      delivered ? new Date().toISOString() : null,
      retryAt,
      row.webhook_id,
    );
    this.#logEntry(row.webhook_id, 'attempt', attempts, status, error);
    logEvent(
      'delivery',
      { channel: row.channel, webhookId: row.webhook_id, attempt: attempts, result: delivered ? 'delivered' : error, givenUp },
      delivered ? 'info' : 'warn',
    );
    return retryAt;
  }
}
