/**
 * The notification outbox: the `deliveries` table (one row per notification
 * to deliver, with its attempt count and retry state), the `attempts` table
 * (one row per POST made, for the dashboard and the control API), and the
 * retries, made from the Durable Object's alarm with the project's one
 * backoff rule. A delivery's attempt is claimed (counted, marked `sending`)
 * before its fetch starts, so concurrent senders never send the same attempt
 * twice; and its result is written only if that claim still stands when the
 * fetch ends, because a reset may have forgotten the delivery meanwhile.
 */

import { backoffDelayMs } from '../../shared/backoff';
import { isV2Notification, type V2Notification, X_TOKEN_HEADER } from '../../shared/cinetpay/v2-wire';
import type { Notification } from '../../shared/cinetpay/wire';
import type { SandboxConfig } from './config';
import type { NotificationAttempt } from './model';
import { attemptLogLine, delivered, type SendResult, sendNotification } from './notifier';
import { iso, parseStringRecord } from './sql-values';
import { signXToken } from './x-token-signer';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT, trans_id TEXT NOT NULL, url TEXT NOT NULL, fields TEXT NOT NULL,
     attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL, state TEXT NOT NULL, next_at INTEGER)`,
  'CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at)',
  `CREATE TABLE IF NOT EXISTS attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id INTEGER NOT NULL, trans_id TEXT NOT NULL, url TEXT NOT NULL,
     attempt INTEGER NOT NULL, max_attempts INTEGER NOT NULL, fields TEXT NOT NULL, status INTEGER, error TEXT,
     answer TEXT NOT NULL, duration_ms INTEGER NOT NULL, at INTEGER NOT NULL, next_at INTEGER)`,
  'CREATE INDEX IF NOT EXISTS attempts_by_trans ON attempts (trans_id)',
];

/** `waiting`: a retry is due at next_at; `sending`: an attempt is in flight; `delivered`: a 2xx came back; `failed`: attempts exhausted. */
type DeliveryState = 'sending' | 'waiting' | 'delivered' | 'failed';

type DeliveryRow = {
  id: number;
  trans_id: string;
  url: string;
  fields: string;
  attempts: number;
  max_attempts: number;
  state: string;
  next_at: number | null;
};
type AttemptRow = {
  delivery_id: number;
  trans_id: string;
  url: string;
  attempt: number;
  max_attempts: number;
  fields: string;
  status: number | null;
  error: string | null;
  answer: string;
  duration_ms: number;
  at: number;
  next_at: number | null;
};

/** The attempts table's columns, in the order they are inserted. */
const ATTEMPT_COLUMNS = [
  'delivery_id',
  'trans_id',
  'url',
  'attempt',
  'max_attempts',
  'fields',
  'status',
  'error',
  'answer',
  'duration_ms',
  'at',
  'next_at',
] as const satisfies readonly (keyof AttemptRow)[];

function attemptOf(row: AttemptRow): NotificationAttempt {
  return {
    transId: row.trans_id,
    deliveryId: row.delivery_id,
    url: row.url,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    fields: parseStringRecord(row.fields),
    status: row.status,
    error: row.error,
    answer: row.answer,
    durationMs: row.duration_ms,
    at: iso(row.at),
    nextAttemptAt: row.next_at === null ? null : iso(row.next_at),
  };
}

export class NotificationOutbox {
  private readonly storage: DurableObjectStorage;
  private readonly sql: SqlStorage;
  private readonly config: Pick<SandboxConfig, 'retryBaseMs' | 'maxAttempts' | 'logNotifications' | 'secretKey'>;
  private readonly onAcknowledged: (transId: string) => void;
  /** Attempts whose fetch has not ended yet, per trans id: in memory, as the fetches themselves are. */
  private readonly inFlight = new Map<string, number>();
  /** Who waits in settled() for the next attempt to end. */
  private waiters: (() => void)[] = [];

  constructor(
    storage: DurableObjectStorage,
    config: Pick<SandboxConfig, 'retryBaseMs' | 'maxAttempts' | 'logNotifications' | 'secretKey'>,
    onAcknowledged: (transId: string) => void,
  ) {
    this.storage = storage;
    this.sql = storage.sql;
    this.config = config;
    this.onAcknowledged = onAcknowledged;
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  /** Queues `copies` deliveries of the same fields and makes their first attempts concurrently; answers those attempts. */
  async send(
    transId: string,
    url: string,
    fields: Notification | V2Notification | Readonly<Record<string, string>>,
    copies: number,
  ): Promise<NotificationAttempt[]> {
    const json = JSON.stringify(fields);
    const ids: number[] = [];
    for (let i = 0; i < copies; i++) {
      const row = this.sql
        .exec<{ id: number }>(
          "INSERT INTO deliveries (trans_id, url, fields, attempts, max_attempts, state, next_at) VALUES (?, ?, ?, 0, ?, 'waiting', NULL) RETURNING id",
          transId,
          url,
          json,
          this.config.maxAttempts,
        )
        .one();
      ids.push(row.id);
    }
    const attempts = await Promise.all(ids.map((id) => this.attempt(id)));
    return attempts.filter((attempt): attempt is NotificationAttempt => attempt !== undefined);
  }

  /** Retries every delivery whose time has come, concurrently, then sets the alarm for the next one. */
  async retryDue(): Promise<void> {
    const due = this.sql
      .exec<{ id: number }>("SELECT id FROM deliveries WHERE state = 'waiting' AND next_at IS NOT NULL AND next_at <= ?", Date.now())
      .toArray();
    await Promise.all(due.map((row) => this.attempt(row.id)));
    await this.scheduleAlarm();
  }

  /** Attempts made, oldest first; all of them, or one transaction's. */
  attempts(transId: string | null): NotificationAttempt[] {
    const rows =
      transId === null
        ? this.sql.exec<AttemptRow>('SELECT * FROM attempts ORDER BY id').toArray()
        : this.sql.exec<AttemptRow>('SELECT * FROM attempts WHERE trans_id = ? ORDER BY id', transId).toArray();
    return rows.map(attemptOf);
  }

  /**
   * Resolves once no attempt for `transId` is in flight and none is waiting
   * for a retry: from then on nothing is sent for it unless asked again. An
   * event to wait for, so that a test never has to guess how long retries take.
   */
  async settled(transId: string): Promise<void> {
    while ((this.inFlight.get(transId) ?? 0) > 0 || this.waitingRetry(transId)) {
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** Forgets every delivery and attempt, pending retries included; attempts still in flight will record nothing. */
  async clear(): Promise<void> {
    this.sql.exec('DELETE FROM deliveries');
    this.sql.exec('DELETE FROM attempts');
    this.wakeWaiters();
    await this.storage.deleteAlarm();
  }

  private waitingRetry(transId: string): boolean {
    return this.sql.exec("SELECT 1 FROM deliveries WHERE trans_id = ? AND state = 'waiting' LIMIT 1", transId).toArray().length > 0;
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Makes the next attempt of a delivery: claim it, POST, record the answer, schedule a retry if it failed. */
  private async attempt(deliveryId: number): Promise<NotificationAttempt | undefined> {
    const delivery = this.sql.exec<DeliveryRow>('SELECT * FROM deliveries WHERE id = ?', deliveryId).toArray()[0];
    if (delivery?.state !== 'waiting') return undefined;
    const attempt = delivery.attempts + 1;
    this.sql.exec("UPDATE deliveries SET attempts = ?, state = 'sending', next_at = NULL WHERE id = ?", attempt, deliveryId);
    this.countInFlight(delivery.trans_id, 1);
    let recorded: { readonly row: AttemptRow; readonly stored: boolean };
    try {
      const fields = parseStringRecord(delivery.fields);
      // A v2 notification carries its x-token, computed at each attempt from the stored fields.
      const headers = isV2Notification(fields) ? { [X_TOKEN_HEADER]: await signXToken(fields, this.config.secretKey) } : {};
      recorded = this.record(delivery, attempt, await sendNotification(delivery.url, fields, headers));
    } finally {
      this.countInFlight(delivery.trans_id, -1);
    }
    if (recorded.stored && recorded.row.next_at !== null) await this.scheduleAlarm();
    return attemptOf(recorded.row);
  }

  /** Writes an attempt's result, unless a reset removed its delivery during the fetch: then the attempt is only reported. */
  private record(delivery: DeliveryRow, attempt: number, result: SendResult): { readonly row: AttemptRow; readonly stored: boolean } {
    const now = Date.now();
    const acknowledged = delivered(result.status);
    const nextAt = !acknowledged && attempt < delivery.max_attempts ? now + backoffDelayMs(attempt, this.config.retryBaseMs) : null;
    const state: DeliveryState = acknowledged ? 'delivered' : nextAt === null ? 'failed' : 'waiting';
    if (this.config.logNotifications) console.info(attemptLogLine(delivery.trans_id, delivery.url, attempt, delivery.max_attempts, result));
    const row: AttemptRow = {
      delivery_id: delivery.id,
      trans_id: delivery.trans_id,
      url: delivery.url,
      attempt,
      max_attempts: delivery.max_attempts,
      fields: delivery.fields,
      status: result.status,
      error: result.error,
      answer: result.answer,
      duration_ms: result.durationMs,
      at: now,
      next_at: nextAt,
    };
    // Only the claim made before the fetch may write: a delivery reset meanwhile is gone, and ids are never reused.
    const stored =
      this.sql.exec("UPDATE deliveries SET state = ?, next_at = ? WHERE id = ? AND state = 'sending' RETURNING id", state, nextAt, delivery.id).toArray()
        .length > 0;
    if (!stored) return { row, stored };
    this.sql.exec(
      `INSERT INTO attempts (${ATTEMPT_COLUMNS.join(', ')}) VALUES (${ATTEMPT_COLUMNS.map(() => '?').join(', ')})`,
      ...ATTEMPT_COLUMNS.map((column) => row[column]),
    );
    if (acknowledged) this.onAcknowledged(delivery.trans_id);
    return { row, stored };
  }

  /** Counts an attempt in or out of flight; one going out may be what settled() waits for. */
  private countInFlight(transId: string, change: 1 | -1): void {
    const count = (this.inFlight.get(transId) ?? 0) + change;
    if (count > 0) this.inFlight.set(transId, count);
    else this.inFlight.delete(transId);
    if (change < 0) this.wakeWaiters();
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.sql.exec<{ due: number | null }>("SELECT MIN(next_at) AS due FROM deliveries WHERE state = 'waiting'").one().due;
    if (next === null) return;
    const current = await this.storage.getAlarm();
    if (current === null || current > next) await this.storage.setAlarm(next);
  }
}
