/**
 * SandboxState: the one Durable Object (named `sandbox`) that holds all the
 * sandbox's state in SQLite, so that it survives across requests and
 * `wrangler dev` restarts with `--persist-to`. It owns no table itself: each
 * concern has its store over the same SqlStorage (transaction-store.ts,
 * notification-outbox.ts, fault-store.ts, webhook-store.ts, chat-store.ts; the tables are in
 * sandbox/README.md, "Storage"), and this class is their one RPC surface, the
 * place where they meet (an outcome sends notifications; an acknowledged
 * notification marks its transaction) and where they are reset together.
 *
 * Invariant: every decision is read and written synchronously (SQLite calls
 * are synchronous); the only awaits are outbound fetches and the alarm, and
 * what follows a fetch re-reads before it writes, because other requests
 * interleave during a fetch.
 */

import { DurableObject } from 'cloudflare:workers';
import type { Api2026StatusAnswer } from '../../shared/cinetpay/api2026-wire';
import type { V2CheckAnswer, V2Notification } from '../../shared/cinetpay/v2-wire';
import type { BalanceResponse, Notification, TransactionRecord } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';
import { api2026NotificationFields, api2026StatusAnswer } from './api2026-record';
import { balanceResponse } from './balance';
import { ChatStore } from './chat-store';
import { sandboxConfig } from './config';
import { FaultStore } from './fault-store';
import { FAULT_TARGETS, type FaultSpec, type FaultTarget } from './faults';
import type { ArmedFault, ChatChannel, ChatMessage, NotificationAttempt, PostedForm, StoredTransaction, TransactionView, WebhookDelivery } from './model';
import { NotificationOutbox } from './notification-outbox';
import { notificationFields } from './notifier';
import type { CheckedForm } from './payment-fields';
import type { SignedFields } from './signer';
import { historyRecord, statusRecord, transactionView } from './transaction-record';
import { type OpenError, type ResolveError, type ResolveRequest, TransactionStore } from './transaction-store';
import { v2CheckAnswer, v2NotificationFields } from './v2-record';

/** The fields a transaction's notification carries, in its API's shape. */
function notificationOf(tx: StoredTransaction): Notification | V2Notification | Readonly<Record<string, string>> {
  switch (tx.form?.api) {
    case 'v2':
      return v2NotificationFields(tx);
    case '2026':
      return api2026NotificationFields(tx);
    case undefined:
      return notificationFields(tx);
  }
}

import { WebhookStore } from './webhook-store';

export type { OpenError, ResolveError, ResolveRequest };
export type NotifyError = 'NOT_POSTED' | 'NO_NOTIFY_URL';

export interface Resolution {
  readonly transaction: TransactionView;
  readonly form: PostedForm;
  /** What was (or would have been) POSTed to notify_url; the GET and POST return modes send the same fields. */
  readonly notification: Notification | V2Notification | Readonly<Record<string, string>>;
  readonly attempts: readonly NotificationAttempt[];
}

export class SandboxState extends DurableObject<SandboxEnv> {
  private readonly ledger: TransactionStore;
  private readonly outbox: NotificationOutbox;
  private readonly armed: FaultStore;
  private readonly received: WebhookStore;
  private readonly chats: ChatStore;
  /** Call counts live in memory: a benchmark's figure, not state worth persisting. */
  private readonly calls = new Map<FaultTarget, number>();
  /** In memory too: after an eviction the epoch starts again, which only expires tokens, as a real restart may. */
  private epoch = 0;

  constructor(ctx: DurableObjectState, env: SandboxEnv) {
    super(ctx, env);
    const ledger = new TransactionStore(ctx.storage.sql);
    this.ledger = ledger;
    this.outbox = new NotificationOutbox(ctx.storage, sandboxConfig(env), (transId) => ledger.acknowledge(transId));
    this.armed = new FaultStore(ctx.storage.sql);
    this.received = new WebhookStore(ctx.storage.sql);
    this.chats = new ChatStore(ctx.storage.sql);
  }

  // --- transactions -------------------------------------------------------

  /** Remembers the last signature issued for a trans id and exactly the fields it covers. */
  issueSignature(signed: SignedFields, signature: string): void {
    this.ledger.issueSignature(signed, signature);
  }

  /** The hosted page received a form: 619 unless it carries the last signature issued for exactly its values, 620 if finished. */
  openPayment(form: CheckedForm): Result<TransactionView, OpenError> {
    return this.ledger.openPayment(form);
  }

  /** Applies an outcome, then sends `copies` notifications concurrently and waits for their first attempts. */
  async resolve(request: ResolveRequest): Promise<Result<Resolution, ResolveError>> {
    const applied = this.ledger.applyOutcome(request);
    if (!applied.ok) return applied;
    const tx = applied.value;
    const attempts = await this.sendCopies(tx, request.copies);
    // Re-read: an acknowledged notification has set cpm_ipn_ack meanwhile.
    const latest = this.ledger.find(request.transId) ?? tx;
    const notification = notificationOf(tx);
    return ok({ transaction: transactionView(latest), form: tx.form, notification, attempts });
  }

  /** Sends `count` duplicate notifications of the transaction's current state now. */
  async notify(transId: string, count: number): Promise<Result<readonly NotificationAttempt[], NotifyError>> {
    const tx = this.ledger.findPosted(transId);
    if (!tx) return err('NOT_POSTED');
    if (tx.form.notifyUrl === null) return err('NO_NOTIFY_URL');
    return ok(await this.sendCopies(tx, count));
  }

  /** Checkout v2 created a payment: the token is its signature, the payment page opens at once (no form is posted in v2). */
  openV2Payment(form: CheckedForm): Result<TransactionView, OpenError> {
    this.ledger.issueSignature(form.signed, form.signature);
    return this.ledger.openPayment(form);
  }

  /** The 2026 API created a payment: as for v2, its payment token opens the page at once. */
  open2026Payment(form: CheckedForm): Result<TransactionView, OpenError> {
    this.ledger.issueSignature(form.signed, form.signature);
    return this.ledger.openPayment(form);
  }

  /** The v2 or 2026 payment a `payment_url` token opens, or `undefined`. */
  v2Payment(token: string): TransactionView | undefined {
    const tx = this.ledger.findByToken(token);
    return tx?.form?.api === 'v2' || tx?.form?.api === '2026' ? transactionView(tx) : undefined;
  }

  /** The 2026 status answer, or `null` for a transaction the 2026 API never created. */
  api2026Status(transId: string): Api2026StatusAnswer | null {
    const tx = this.ledger.find(transId);
    return tx?.form?.api === '2026' ? api2026StatusAnswer(tx) : null;
  }

  /** The 2026 access tokens' epoch: a token of another epoch is expired. */
  tokenEpoch(): number {
    return this.epoch;
  }

  /** Expires every 2026 access token issued so far (the control API's "token expired mid-flight"). */
  expireTokens(): number {
    this.epoch += 1;
    return this.epoch;
  }

  /** `payment/check`'s answer, or `null` for a transaction v2 never created. */
  v2Check(transId: string, apiResponseId: string): V2CheckAnswer | null {
    const tx = this.ledger.find(transId);
    return tx?.form?.api === 'v2' ? v2CheckAnswer(tx, apiResponseId) : null;
  }

  transaction(transId: string): TransactionView | null {
    const tx = this.ledger.find(transId);
    return tx ? transactionView(tx) : null;
  }

  transactions(): TransactionView[] {
    return this.ledger.all().map(transactionView);
  }

  /** `checkPayStatus`'s record, or `null` for a trans id never signed. */
  statusRecord(transId: string): TransactionRecord | null {
    const tx = this.ledger.find(transId);
    return tx ? statusRecord(tx) : null;
  }

  /** Every transaction that reached the hosted page, newest first. */
  historyRecords(): TransactionRecord[] {
    return this.ledger
      .all()
      .filter((tx) => tx.form !== null)
      .map(historyRecord);
  }

  balance(): BalanceResponse {
    const amounts = this.ledger
      .all()
      .filter((tx) => tx.state === 'ACCEPTED' && tx.form)
      .map((tx) => Number(tx.form?.signed.cpm_amount ?? 0));
    return balanceResponse(amounts);
  }

  // --- notifications ------------------------------------------------------

  private async sendCopies(tx: StoredTransaction, copies: number): Promise<NotificationAttempt[]> {
    const url = tx.form?.notifyUrl ?? null;
    const fields = notificationOf(tx);
    return url === null ? [] : this.outbox.send(tx.transId, url, fields, copies);
  }

  /** Retries the notifications whose time has come. */
  override async alarm(): Promise<void> {
    await this.outbox.retryDue();
  }

  /** Notification attempts, oldest first; all of them, or one transaction's. */
  attempts(transId: string | null): NotificationAttempt[] {
    return this.outbox.attempts(transId);
  }

  /** Resolves once nothing is in flight or waiting for a retry for `transId`. */
  notificationsSettled(transId: string): Promise<void> {
    return this.outbox.settled(transId);
  }

  // --- faults -------------------------------------------------------------

  armFault(spec: FaultSpec): ArmedFault {
    return this.armed.arm(spec);
  }

  /**
   * Takes one hit of the oldest fault armed for `target`, if any: each call
   * takes exactly one, even concurrently. Every API call and webhook delivery
   * passes here exactly once, so this is also where they are counted.
   */
  takeFault(target: FaultTarget): ArmedFault | null {
    this.calls.set(target, (this.calls.get(target) ?? 0) + 1);
    return this.armed.take(target);
  }

  /** How many calls each API method and the webhook receiver got since the sandbox started or was reset. */
  callCounts(): Record<FaultTarget, number> {
    return Object.fromEntries(FAULT_TARGETS.map((target) => [target, this.calls.get(target) ?? 0])) as Record<FaultTarget, number>;
  }

  faults(): ArmedFault[] {
    return this.armed.list();
  }

  clearFaults(): number {
    return this.armed.clear();
  }

  // --- webhook receiver ---------------------------------------------------

  recordWebhook(body: string, headers: Readonly<Record<string, string>>, status: number): WebhookDelivery {
    return this.received.record(body, headers, status);
  }

  webhooks(): WebhookDelivery[] {
    return this.received.list();
  }

  // --- chat receivers -----------------------------------------------------

  recordChat(channel: ChatChannel, path: string, body: string, status: number): ChatMessage {
    return this.chats.record(channel, path, body, status);
  }

  chatMessages(): ChatMessage[] {
    return this.chats.list();
  }

  // --- reset --------------------------------------------------------------

  /** Forgets everything: transactions, notifications (pending retries included), faults, webhook deliveries, chat messages. */
  async reset(): Promise<void> {
    // Every table is emptied before the first await, so no request sees half a reset.
    this.ledger.clear();
    this.armed.clear();
    this.received.clear();
    this.chats.clear();
    this.calls.clear();
    await this.outbox.clear();
  }
}
