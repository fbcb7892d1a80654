/**
 * The sandbox's own records: what the SandboxState Durable Object stores
 * about a transaction, and the shapes the control API answers (transactions,
 * notification attempts, webhook deliveries, armed faults). CinetPay's wire
 * types are not here: they come from shared/cinetpay/wire.ts.
 */

import type { TransactionRecord } from '../../shared/cinetpay/wire';
import type { FaultKind, FaultTarget } from './faults';
import type { Outcome, PaymentMethod, TransactionState } from './outcomes';
import type { CheckedForm } from './payment-fields';
import type { SignedFields } from './signer';

/** The hosted form as it was posted (the apikey is checked and dropped, never stored). */
export interface PostedForm extends CheckedForm {
  readonly postedAt: number;
}

/** One outcome applied to a transaction, for the dashboard. */
export interface OutcomeEvent {
  readonly outcome: Outcome;
  readonly code: string;
  readonly source: 'page' | 'control';
  /** Epoch milliseconds. */
  readonly at: number;
}

/** A transaction as the Durable Object stores it (one JSON value per trans id). Times are epoch milliseconds. */
export interface StoredTransaction {
  readonly transId: string;
  readonly state: TransactionState;
  /** The last signature `getSignatureByPost` issued for this trans id, and exactly the fields it covers. */
  readonly lastSignature: string;
  readonly lastSigned: SignedFields;
  /** The form posted to the hosted page; `null` while only signed. */
  readonly form: PostedForm | null;
  readonly outcome: Outcome | null;
  readonly paymentMethod: PaymentMethod | null;
  /** `MP170904.1401.A91088` once paid, else `""`. */
  readonly payid: string;
  /** What the customer "typed": the merchant's locked number, or the operator's test number. */
  readonly buyerPrefix: string;
  readonly buyerPhone: string;
  /** True once a notification got a 2xx answer (`cpm_ipn_ack` = `Y`). */
  readonly ipnAck: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the last outcome was chosen: `cpm_payment_date` and `cpm_payment_time`. */
  readonly resolvedAt: number | null;
  readonly events: readonly OutcomeEvent[];
}

/** A transaction as the control API shows it. */
export interface TransactionView {
  readonly transId: string;
  readonly state: TransactionState;
  readonly outcome: Outcome | null;
  /** What `checkPayStatus` answers for it now (no fault applied). */
  readonly record: TransactionRecord;
  readonly signedFields: SignedFields;
  readonly notifyUrl: string | null;
  readonly returnUrl: string | null;
  readonly cancelUrl: string | null;
  readonly returnMode: string | null;
  readonly events: readonly { readonly outcome: Outcome; readonly code: string; readonly source: 'page' | 'control'; readonly at: string }[];
}

/** One POST to a notify URL and what came back. */
export interface NotificationAttempt {
  readonly transId: string;
  /** Attempts of one notification (its retries) share a delivery id. */
  readonly deliveryId: number;
  readonly url: string;
  /** 1 for the first try, 2 for the first retry, ... */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Exactly the form fields sent (guide 3.2). */
  readonly fields: Readonly<Record<string, string>>;
  /** The HTTP status answered, or `null` when the request failed (see `error`). */
  readonly status: number | null;
  readonly error: string | null;
  /** The start of the answer's body, for the dashboard. */
  readonly answer: string;
  readonly durationMs: number;
  /** ISO 8601. */
  readonly at: string;
  /** When the next retry is due, if this attempt failed and attempts remain. */
  readonly nextAttemptAt: string | null;
}

/** The chat services whose incoming calls the sandbox stands in for. */
export const CHAT_CHANNELS = ['telegram', 'slack', 'discord'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** One call received by a chat receiver: `POST /__sandbox/telegram/bot<token>/sendMessage`, `/__sandbox/slack/...`, `/__sandbox/discord/...`. */
export interface ChatMessage {
  readonly id: number;
  readonly channel: ChatChannel;
  /** The path after `/__sandbox/<channel>`: Telegram's carries the bot token and method. */
  readonly path: string;
  readonly body: string;
  readonly status: number;
  /** ISO 8601. */
  readonly at: string;
}

/** One request received by `POST /__sandbox/webhook`. */
export interface WebhookDelivery {
  readonly id: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  /** ISO 8601. */
  readonly at: string;
}

/** A fault waiting to hit the next `remaining` calls of its target. */
export interface ArmedFault {
  readonly id: number;
  readonly target: FaultTarget;
  readonly fault: FaultKind;
  readonly remaining: number;
  readonly delayMs: number;
}
