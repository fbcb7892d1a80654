/**
 * SandboxState: the one Durable Object (named `sandbox`) that holds all the
 * sandbox's state in SQLite, so that it survives across requests and
 * `wrangler dev` restarts with `--persist-to`: transactions (signature,
 * posted form, outcome), notification deliveries and their attempts, armed
 * faults, webhook deliveries. It also sends notifications and retries them
 * with exponential backoff from its alarm.
 *
 * Invariant: every decision is read and written synchronously (SQLite calls
 * are synchronous); the only awaits are outbound fetches, and what follows a
 * fetch re-reads before it writes, because other requests interleave during
 * a fetch. A delivery's attempt is claimed (counted) before its fetch starts,
 * so concurrent senders never send the same attempt twice.
 *
 * Tables (see sandbox/README.md, "Storage"):
 * - transactions(id, trans_id UNIQUE, created_at, data JSON StoredTransaction)
 * - deliveries(id, trans_id, url, fields JSON, attempts, max_attempts, state, next_at)
 * - attempts(id, delivery_id, trans_id, url, attempt, max_attempts, fields JSON, status, error, answer, duration_ms, at, next_at)
 * - faults(id, target, fault, remaining, delay_ms)
 * - webhooks(id, body, headers JSON, status, at)
 */

import { DurableObject } from 'cloudflare:workers';
import { backoffDelayMs } from '../../shared/backoff';
import { err, ok, type Result } from '../../shared/result';
import type { BalanceResponse, Notification, TransactionRecord } from '../../shared/wire';
import { balanceResponse } from './balance';
import { type SandboxConfig, sandboxConfig } from './config';
import { FAULT_KINDS, FAULT_TARGETS, type FaultSpec, type FaultTarget } from './faults';
import type { ArmedFault, NotificationAttempt, PostedForm, StoredTransaction, TransactionView, WebhookDelivery } from './model';
import { attemptLogLine, delivered, notificationFields, sendNotification } from './notifier';
import { defaultMethod, demoPhone, isFinished, type Outcome, outcomeVerdict, type PaymentMethod, stateAfter, type TransactionState } from './outcomes';
import type { CheckedForm } from './payment-fields';
import { type SignedFields, sameSignedFields } from './signer';
import { historyRecord, newPayId, statusRecord, transactionView } from './transaction-record';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS transactions (
     id INTEGER PRIMARY KEY AUTOINCREMENT, trans_id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, data TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT, trans_id TEXT NOT NULL, url TEXT NOT NULL, fields TEXT NOT NULL,
     attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL, state TEXT NOT NULL, next_at INTEGER)`,
  'CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at)',
  `CREATE TABLE IF NOT EXISTS attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id INTEGER NOT NULL, trans_id TEXT NOT NULL, url TEXT NOT NULL,
     attempt INTEGER NOT NULL, max_attempts INTEGER NOT NULL, fields TEXT NOT NULL, status INTEGER, error TEXT,
     answer TEXT NOT NULL, duration_ms INTEGER NOT NULL, at INTEGER NOT NULL, next_at INTEGER)`,
  'CREATE INDEX IF NOT EXISTS attempts_by_trans ON attempts (trans_id)',
  `CREATE TABLE IF NOT EXISTS faults (
     id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, fault TEXT NOT NULL, remaining INTEGER NOT NULL, delay_ms INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS webhooks (
     id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, headers TEXT NOT NULL, status INTEGER NOT NULL, at INTEGER NOT NULL)`,
];

const TABLES = ['transactions', 'deliveries', 'attempts', 'faults', 'webhooks'] as const;

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
type FaultRow = { id: number; target: string; fault: string; remaining: number; delay_ms: number };
type WebhookRow = { id: number; body: string; headers: string; status: number; at: number };

export type OpenError = 'SIGNATURE_MISMATCH' | 'DOUBLE_PAYMENT';
export type ResolveError = 'NOT_POSTED' | 'FINISHED';
export type NotifyError = 'NOT_POSTED' | 'NO_NOTIFY_URL';

export interface ResolveRequest {
  readonly transId: string;
  readonly outcome: Outcome;
  /** `null`: the outcome's default operator (Orange Money; none for a cancel). */
  readonly method: PaymentMethod | null;
  /** Notification copies sent at once; 0 sends none. */
  readonly copies: number;
  readonly source: 'page' | 'control';
}

export interface Resolution {
  readonly transaction: TransactionView;
  readonly form: PostedForm;
  /** What was (or would have been) POSTed to notify_url; the GET and POST return modes send the same fields. */
  readonly notification: Notification;
  readonly attempts: readonly NotificationAttempt[];
}

/** From which states an outcome may be chosen: the page only before an outcome is final; the control API may also turn a refusal into a payment (the customer retried). */
const RESOLVABLE: Readonly<Record<ResolveRequest['source'], readonly TransactionState[]>> = {
  page: ['OPEN', 'PENDING'],
  control: ['OPEN', 'PENDING', 'REFUSED'],
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseFields(json: string): Record<string, string> {
  // Written by this class only, from a Notification: a flat object of strings.
  return JSON.parse(json) as Record<string, string>;
}

export class SandboxState extends DurableObject<SandboxEnv> {
  private readonly sql: SqlStorage;
  private readonly config: SandboxConfig;
  /** Call counts live in memory: a benchmark's figure, not state worth persisting. */
  private readonly calls = new Map<FaultTarget, number>();

  constructor(ctx: DurableObjectState, env: SandboxEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.config = sandboxConfig(env);
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  // --- transactions -------------------------------------------------------

  private load(transId: string): StoredTransaction | undefined {
    const row = this.sql.exec<{ data: string }>('SELECT data FROM transactions WHERE trans_id = ?', transId).toArray()[0];
    // Written by save() only, from a StoredTransaction.
    return row ? (JSON.parse(row.data) as StoredTransaction) : undefined;
  }

  private save(tx: StoredTransaction): void {
    this.sql.exec(
      `INSERT INTO transactions (trans_id, created_at, data) VALUES (?, ?, ?)
       ON CONFLICT (trans_id) DO UPDATE SET created_at = excluded.created_at, data = excluded.data`,
      tx.transId,
      tx.createdAt,
      JSON.stringify(tx),
    );
  }

  private all(): StoredTransaction[] {
    return this.sql
      .exec<{ data: string }>('SELECT data FROM transactions ORDER BY created_at DESC, id DESC')
      .toArray()
      .map((row) => JSON.parse(row.data) as StoredTransaction);
  }

  /** Remembers the last signature issued for a trans id and exactly the fields it covers. */
  issueSignature(signed: SignedFields, signature: string): void {
    const now = Date.now();
    const existing = this.load(signed.cpm_trans_id);
    if (existing) {
      this.save({ ...existing, lastSignature: signature, lastSigned: signed, updatedAt: existing.form ? existing.updatedAt : now });
      return;
    }
    this.save({
      transId: signed.cpm_trans_id,
      state: 'SIGNED',
      lastSignature: signature,
      lastSigned: signed,
      form: null,
      outcome: null,
      paymentMethod: null,
      payid: '',
      buyerPrefix: signed.cpm_phone_prefix,
      buyerPhone: signed.cel_phone_num,
      ipnAck: false,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
      events: [],
    });
  }

  /**
   * The hosted page received a form: its signature must be the last one
   * issued for this trans id, over exactly these values (else 619), and the
   * transaction must not be finished (else 620).
   */
  openPayment(form: CheckedForm): Result<TransactionView, OpenError> {
    const tx = this.load(form.signed.cpm_trans_id);
    // Not a secret comparison: the sandbox's signatures protect nothing real.
    if (!tx || tx.lastSignature !== form.signature || !sameSignedFields(tx.lastSigned, form.signed)) return err('SIGNATURE_MISMATCH');
    if (isFinished(tx.state)) return err('DOUBLE_PAYMENT');
    const now = Date.now();
    const next: StoredTransaction = {
      ...tx,
      state: tx.state === 'PENDING' ? 'PENDING' : 'OPEN',
      form: { ...form, postedAt: now },
      buyerPrefix: form.signed.cpm_phone_prefix,
      buyerPhone: form.signed.cel_phone_num,
      createdAt: tx.form ? tx.createdAt : now,
      updatedAt: now,
    };
    this.save(next);
    return ok(transactionView(next));
  }

  /** Applies an outcome, then sends `copies` notifications concurrently and waits for their first attempts. */
  async resolve(request: ResolveRequest): Promise<Result<Resolution, ResolveError>> {
    const tx = this.load(request.transId);
    if (!tx?.form) return err('NOT_POSTED');
    if (!RESOLVABLE[request.source].includes(tx.state)) return err('FINISHED');
    const now = Date.now();
    const method = request.method ?? defaultMethod(request.outcome);
    const locked = tx.form.signed.cel_phone_num !== '';
    const buyer = locked
      ? { prefix: tx.form.signed.cpm_phone_prefix, number: tx.form.signed.cel_phone_num }
      : method === null
        ? { prefix: '', number: '' }
        : demoPhone(method);
    const next: StoredTransaction = {
      ...tx,
      state: stateAfter(request.outcome),
      outcome: request.outcome,
      paymentMethod: method,
      payid: request.outcome === 'success' ? newPayId(now) : '',
      buyerPrefix: buyer.prefix,
      buyerPhone: buyer.number,
      updatedAt: now,
      resolvedAt: now,
      events: [...tx.events, { outcome: request.outcome, code: outcomeVerdict(request.outcome).code, source: request.source, at: now }],
    };
    this.save(next);
    const attempts = await this.sendCopies(next, request.copies);
    // Re-read: an acknowledged notification has set cpm_ipn_ack meanwhile.
    const latest = this.load(request.transId) ?? next;
    return ok({ transaction: transactionView(latest), form: tx.form, notification: notificationFields(next), attempts });
  }

  /** Sends `count` duplicate notifications of the transaction's current state now. */
  async notify(transId: string, count: number): Promise<Result<readonly NotificationAttempt[], NotifyError>> {
    const tx = this.load(transId);
    if (!tx?.form) return err('NOT_POSTED');
    if (tx.form.notifyUrl === null) return err('NO_NOTIFY_URL');
    return ok(await this.sendCopies(tx, count));
  }

  transaction(transId: string): TransactionView | null {
    const tx = this.load(transId);
    return tx ? transactionView(tx) : null;
  }

  transactions(): TransactionView[] {
    return this.all().map(transactionView);
  }

  /** `checkPayStatus`'s record, or `null` for a trans id never signed. */
  statusRecord(transId: string): TransactionRecord | null {
    const tx = this.load(transId);
    return tx ? statusRecord(tx) : null;
  }

  /** Every transaction that reached the hosted page, newest first. */
  historyRecords(): TransactionRecord[] {
    return this.all()
      .filter((tx) => tx.form !== null)
      .map(historyRecord);
  }

  balance(): BalanceResponse {
    const amounts = this.all()
      .filter((tx) => tx.state === 'ACCEPTED' && tx.form)
      .map((tx) => Number(tx.form?.signed.cpm_amount ?? 0));
    return balanceResponse(amounts);
  }

  // --- notifications ------------------------------------------------------

  private async sendCopies(tx: StoredTransaction, copies: number): Promise<NotificationAttempt[]> {
    const url = tx.form?.notifyUrl ?? null;
    if (url === null || copies < 1) return [];
    const fields = JSON.stringify(notificationFields(tx));
    const ids: number[] = [];
    for (let i = 0; i < copies; i++) {
      const row = this.sql
        .exec<{ id: number }>(
          "INSERT INTO deliveries (trans_id, url, fields, attempts, max_attempts, state, next_at) VALUES (?, ?, ?, 0, ?, 'waiting', NULL) RETURNING id",
          tx.transId,
          url,
          fields,
          this.config.maxAttempts,
        )
        .one();
      ids.push(row.id);
    }
    const attempts = await Promise.all(ids.map((id) => this.attempt(id)));
    return attempts.filter((attempt): attempt is NotificationAttempt => attempt !== undefined);
  }

  /** Makes the next attempt of a delivery: claim it, POST, record the answer, schedule a retry if it failed. */
  private async attempt(deliveryId: number): Promise<NotificationAttempt | undefined> {
    const delivery = this.sql.exec<DeliveryRow>('SELECT * FROM deliveries WHERE id = ?', deliveryId).toArray()[0];
    if (!delivery || delivery.state === 'sending' || delivery.state === 'delivered' || delivery.state === 'failed') return undefined;
    const attempt = delivery.attempts + 1;
    this.sql.exec("UPDATE deliveries SET attempts = ?, state = 'sending', next_at = NULL WHERE id = ?", attempt, deliveryId);
    const fields = parseFields(delivery.fields);
    const result = await sendNotification(delivery.url, fields);

    const now = Date.now();
    const acknowledged = delivered(result.status);
    const nextAt = !acknowledged && attempt < delivery.max_attempts ? now + backoffDelayMs(attempt, this.config.retryBaseMs) : null;
    const state: DeliveryState = acknowledged ? 'delivered' : nextAt === null ? 'failed' : 'waiting';
    console.info(attemptLogLine(delivery.trans_id, delivery.url, attempt, delivery.max_attempts, result));
    // A reset during the fetch removed the delivery: report the attempt, store nothing.
    const stillThere = this.sql.exec('SELECT id FROM deliveries WHERE id = ?', deliveryId).toArray().length > 0;
    if (stillThere) {
      this.sql.exec('UPDATE deliveries SET state = ?, next_at = ? WHERE id = ?', state, nextAt, deliveryId);
      this.sql.exec(
        `INSERT INTO attempts (delivery_id, trans_id, url, attempt, max_attempts, fields, status, error, answer, duration_ms, at, next_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        deliveryId,
        delivery.trans_id,
        delivery.url,
        attempt,
        delivery.max_attempts,
        delivery.fields,
        result.status,
        result.error,
        result.answer,
        result.durationMs,
        now,
        nextAt,
      );
      if (acknowledged) {
        const tx = this.load(delivery.trans_id);
        if (tx && !tx.ipnAck) this.save({ ...tx, ipnAck: true });
      }
      if (nextAt !== null) await this.scheduleAlarm();
    }
    return {
      transId: delivery.trans_id,
      deliveryId,
      url: delivery.url,
      attempt,
      maxAttempts: delivery.max_attempts,
      fields,
      status: result.status,
      error: result.error,
      answer: result.answer,
      durationMs: result.durationMs,
      at: iso(now),
      nextAttemptAt: nextAt === null ? null : iso(nextAt),
    };
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.sql.exec<{ due: number | null }>("SELECT MIN(next_at) AS due FROM deliveries WHERE state = 'waiting'").one().due;
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  /** Retries every delivery whose time has come, concurrently, then sets the alarm for the next one. */
  override async alarm(): Promise<void> {
    const due = this.sql
      .exec<{ id: number }>("SELECT id FROM deliveries WHERE state = 'waiting' AND next_at IS NOT NULL AND next_at <= ?", Date.now())
      .toArray();
    await Promise.all(due.map((row) => this.attempt(row.id)));
    await this.scheduleAlarm();
  }

  /** Notification attempts, oldest first; all of them, or one transaction's. */
  attempts(transId: string | null): NotificationAttempt[] {
    const rows =
      transId === null
        ? this.sql.exec<AttemptRow>('SELECT * FROM attempts ORDER BY id').toArray()
        : this.sql.exec<AttemptRow>('SELECT * FROM attempts WHERE trans_id = ? ORDER BY id', transId).toArray();
    return rows.map((row) => ({
      transId: row.trans_id,
      deliveryId: row.delivery_id,
      url: row.url,
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
      fields: parseFields(row.fields),
      status: row.status,
      error: row.error,
      answer: row.answer,
      durationMs: row.duration_ms,
      at: iso(row.at),
      nextAttemptAt: row.next_at === null ? null : iso(row.next_at),
    }));
  }

  // --- faults -------------------------------------------------------------

  armFault(spec: FaultSpec): ArmedFault {
    const row = this.sql
      .exec<{ id: number }>(
        'INSERT INTO faults (target, fault, remaining, delay_ms) VALUES (?, ?, ?, ?) RETURNING id',
        spec.target,
        spec.fault,
        spec.count,
        spec.delayMs,
      )
      .one();
    return { id: row.id, target: spec.target, fault: spec.fault, remaining: spec.count, delayMs: spec.delayMs };
  }

  /**
   * Takes one hit of the oldest fault armed for `target`, if any: each call
   * takes exactly one, even concurrently. Every API call and webhook delivery
   * passes here exactly once, so this is also where they are counted.
   */
  takeFault(target: FaultTarget): ArmedFault | null {
    this.calls.set(target, (this.calls.get(target) ?? 0) + 1);
    const row = this.sql.exec<FaultRow>('SELECT * FROM faults WHERE target = ? AND remaining > 0 ORDER BY id LIMIT 1', target).toArray()[0];
    if (!row) return null;
    if (row.remaining <= 1) this.sql.exec('DELETE FROM faults WHERE id = ?', row.id);
    else this.sql.exec('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', row.id);
    return this.faultOf({ ...row, remaining: row.remaining - 1 }) ?? null;
  }

  /** How many calls each API method and the webhook receiver got since the sandbox started or was reset. */
  callCounts(): Record<FaultTarget, number> {
    return Object.fromEntries(FAULT_TARGETS.map((target) => [target, this.calls.get(target) ?? 0])) as Record<FaultTarget, number>;
  }

  faults(): ArmedFault[] {
    return this.sql
      .exec<FaultRow>('SELECT * FROM faults WHERE remaining > 0 ORDER BY id')
      .toArray()
      .flatMap((row) => this.faultOf(row) ?? []);
  }

  clearFaults(): number {
    const count = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM faults').one().n;
    this.sql.exec('DELETE FROM faults');
    return count;
  }

  private faultOf(row: FaultRow): ArmedFault | undefined {
    const target = FAULT_TARGETS.find((name) => name === row.target);
    const fault = FAULT_KINDS.find((name) => name === row.fault);
    return target && fault ? { id: row.id, target, fault, remaining: row.remaining, delayMs: row.delay_ms } : undefined;
  }

  // --- webhook receiver ---------------------------------------------------

  recordWebhook(body: string, headers: Readonly<Record<string, string>>, status: number): WebhookDelivery {
    const at = Date.now();
    const row = this.sql
      .exec<{ id: number }>('INSERT INTO webhooks (body, headers, status, at) VALUES (?, ?, ?, ?) RETURNING id', body, JSON.stringify(headers), status, at)
      .one();
    return { id: row.id, body, headers, status, at: iso(at) };
  }

  webhooks(): WebhookDelivery[] {
    return this.sql
      .exec<WebhookRow>('SELECT * FROM webhooks ORDER BY id')
      .toArray()
      .map((row) => ({
        id: row.id,
        body: row.body,
        headers: parseFields(row.headers),
        status: row.status,
        at: iso(row.at),
      }));
  }

  // --- reset --------------------------------------------------------------

  /** Forgets everything: transactions, notifications (pending retries included), faults, webhook deliveries. */
  async reset(): Promise<void> {
    for (const table of TABLES) this.sql.exec(`DELETE FROM ${table}`);
    this.calls.clear();
    await this.ctx.storage.deleteAlarm();
  }
}
