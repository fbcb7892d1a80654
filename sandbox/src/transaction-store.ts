/**
 * The `transactions` table (one JSON StoredTransaction per trans id) and every
 * change a transaction goes through: a signature issued, the form posted to
 * the hosted page, an outcome chosen, a notification acknowledged. Each change
 * reads and writes in one synchronous step (SQLite calls are synchronous), so
 * concurrent requests can never interleave inside one.
 */

import { err, ok, type Result } from '../../shared/result';
import type { StoredTransaction, TransactionView } from './model';
import { defaultMethod, demoPhone, isFinished, type Outcome, outcomeVerdict, type PaymentMethod, stateAfter, type TransactionState } from './outcomes';
import type { CheckedForm } from './payment-fields';
import { type SignedFields, sameSignedFields } from './signer';
import { newPayId, transactionView } from './transaction-record';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS transactions (
     id INTEGER PRIMARY KEY AUTOINCREMENT, trans_id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, data TEXT NOT NULL)`,
];

export type OpenError = 'SIGNATURE_MISMATCH' | 'DOUBLE_PAYMENT';
export type ResolveError = 'NOT_POSTED' | 'FINISHED';

export interface ResolveRequest {
  readonly transId: string;
  readonly outcome: Outcome;
  /** `null`: the outcome's default operator (Orange Money; none for a cancel). */
  readonly method: PaymentMethod | null;
  /** Notification copies sent at once; 0 sends none. */
  readonly copies: number;
  readonly source: 'page' | 'control';
}

/** A transaction whose form reached the hosted page. */
export type PostedTransaction = StoredTransaction & { readonly form: NonNullable<StoredTransaction['form']> };

/** From which states an outcome may be chosen: the page only before an outcome is final; the control API may also turn a refusal into a payment (the customer retried). */
const RESOLVABLE: Readonly<Record<ResolveRequest['source'], readonly TransactionState[]>> = {
  page: ['OPEN', 'PENDING'],
  control: ['OPEN', 'PENDING', 'REFUSED'],
};

function isPosted(tx: StoredTransaction | undefined): tx is PostedTransaction {
  return tx?.form !== null && tx?.form !== undefined;
}

export class TransactionStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const statement of SCHEMA) sql.exec(statement);
  }

  find(transId: string): StoredTransaction | undefined {
    const row = this.sql.exec<{ data: string }>('SELECT data FROM transactions WHERE trans_id = ?', transId).toArray()[0];
    // Written by save() only, from a StoredTransaction.
    return row ? (JSON.parse(row.data) as StoredTransaction) : undefined;
  }

  /** The transaction whose last signature (v2: its payment token) is `token`. */
  findByToken(token: string): StoredTransaction | undefined {
    const row = this.sql.exec<{ data: string }>("SELECT data FROM transactions WHERE json_extract(data, '$.lastSignature') = ? LIMIT 1", token).toArray()[0];
    return row ? (JSON.parse(row.data) as StoredTransaction) : undefined;
  }

  /** A transaction whose form was posted, or `undefined` for one only signed or unknown. */
  findPosted(transId: string): PostedTransaction | undefined {
    const tx = this.find(transId);
    return isPosted(tx) ? tx : undefined;
  }

  /** Newest first. */
  all(): StoredTransaction[] {
    return this.sql
      .exec<{ data: string }>('SELECT data FROM transactions ORDER BY created_at DESC, id DESC')
      .toArray()
      .map((row) => JSON.parse(row.data) as StoredTransaction);
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

  /** Remembers the last signature issued for a trans id and exactly the fields it covers. */
  issueSignature(signed: SignedFields, signature: string): void {
    const now = Date.now();
    const existing = this.find(signed.cpm_trans_id);
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
    const tx = this.find(form.signed.cpm_trans_id);
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

  /** Applies an outcome; answers the transaction as it now stands. */
  applyOutcome(request: ResolveRequest): Result<PostedTransaction, ResolveError> {
    const tx = this.findPosted(request.transId);
    if (!tx) return err('NOT_POSTED');
    if (!RESOLVABLE[request.source].includes(tx.state)) return err('FINISHED');
    const now = Date.now();
    const method = request.method ?? defaultMethod(request.outcome);
    const locked = tx.form.signed.cel_phone_num !== '';
    const buyer = locked
      ? { prefix: tx.form.signed.cpm_phone_prefix, number: tx.form.signed.cel_phone_num }
      : method === null
        ? { prefix: '', number: '' }
        : demoPhone(method);
    const next: PostedTransaction = {
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
    return ok(next);
  }

  /** A notification got a 2xx: `cpm_ipn_ack` becomes `Y`, for good. */
  acknowledge(transId: string): void {
    const tx = this.find(transId);
    if (tx && !tx.ipnAck) this.save({ ...tx, ipnAck: true });
  }

  clear(): void {
    this.sql.exec('DELETE FROM transactions');
  }
}
