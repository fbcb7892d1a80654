/**
 * The CinetPay API v1 wire format, typed once, as the merchant guide (v1.6.2)
 * prints it. Every value on the wire is a string, numbers included. Three
 * date formats coexist on purpose: the form's `cpm_trans_date` is
 * `YYYY-MM-DD HH:MM:SS` (UTC), `checkPayStatus` answers `ddmmyyyyHHMMSS`, and
 * the history filters take `jj-mm-aaaa`. The phone prefix is spelled
 * `cpm_phone_prefix` in the signature request and `cpm_phone_prefixe`
 * everywhere else.
 */

/** Languages of the hosted page and of our customer-facing text; French is the default. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

/** The guide's only currency: "CFA pour le Franc CFA". */
export const CURRENCIES = ['CFA'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** How the hosted page sends its parameters back to `return_url` (guide section 4). */
export const RETURN_MODES = ['GET', 'POST', 'NONE'] as const;
export type ReturnMode = (typeof RETURN_MODES)[number];

/** The fixed values of a single payment. */
export const PAYMENT_CONFIG = 'SINGLE';
export const PAGE_ACTION = 'PAYMENT';
export const API_VERSION = 'V1';

/** The four API methods, called as `POST {base}?method=NAME`. */
export const API_METHODS = ['getSignatureByPost', 'checkPayStatus', 'getTransHistory', 'getCompteStatus'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** `POST ?method=getSignatureByPost` (guide 2.2). */
export interface SignatureRequest {
  readonly cpm_amount: string;
  readonly cpm_currency: string;
  readonly cpm_site_id: string;
  readonly cpm_trans_id: string;
  readonly cpm_trans_date: string;
  readonly cpm_payment_config: string;
  readonly cpm_page_action: string;
  readonly cpm_version: string;
  readonly cpm_language: string;
  readonly cpm_designation: string;
  readonly cpm_custom?: string;
  readonly apikey: string;
  /** Locks the payer's number; goes with `cpm_phone_prefix`. */
  readonly cel_phone_num?: string;
  readonly cpm_phone_prefix?: string;
}

/** The hosted payment form, posted by the customer's browser to the checkout URL (guide 2.2). */
export interface PaymentForm extends Omit<SignatureRequest, 'cpm_phone_prefix'> {
  readonly signature: string;
  readonly notify_url?: string;
  readonly return_url?: string;
  readonly cancel_url?: string;
  readonly cpm_return_mode?: string;
  readonly cpm_phone_prefixe?: string;
}

/** What CinetPay POSTs to `notify_url` (guide 3.2). Never trusted beyond `cpm_trans_id` and `cpm_site_id`. */
export interface Notification {
  readonly cpm_trans_id: string;
  readonly cpm_amount: string;
  readonly cpm_currency: string;
  readonly cpm_site_id: string;
  readonly cpm_language: string;
  readonly cpm_version: string;
  readonly cpm_payment_config: string;
  readonly cpm_page_action: string;
  readonly cpm_custom: string;
  readonly payment_method: string;
  readonly signature: string;
  readonly cel_phone_num: string;
  readonly cpm_phone_prefixe: string;
}

/** The field names of section 3.2, in the guide's order. */
export const NOTIFICATION_FIELDS = [
  'cpm_trans_id',
  'cpm_amount',
  'cpm_currency',
  'cpm_site_id',
  'cpm_language',
  'cpm_version',
  'cpm_payment_config',
  'cpm_page_action',
  'cpm_custom',
  'payment_method',
  'signature',
  'cel_phone_num',
  'cpm_phone_prefixe',
] as const satisfies readonly (keyof Notification)[];

/** `POST ?method=checkPayStatus` (guide 3.2). */
export interface StatusRequest {
  readonly apikey: string;
  readonly cpm_site_id: string;
  readonly cpm_trans_id: string;
}

/** One transaction as `checkPayStatus` and `getTransHistory` describe it. Every value is a string. */
export interface TransactionRecord {
  readonly cpm_site_id: string;
  readonly signature: string;
  readonly cpm_amount: string;
  /** `ddmmyyyyHHMMSS` in `checkPayStatus`; absent from history rows. */
  readonly cpm_trans_date?: string;
  readonly cpm_trans_id: string;
  readonly cpm_custom: string;
  readonly cpm_currency: string;
  readonly cpm_payid: string;
  readonly cpm_payment_date: string;
  readonly cpm_payment_time: string;
  readonly cpm_error_message: string;
  /** `OM`, `MOMO`, `FLOOZ`, ... */
  readonly payment_method: string;
  readonly cpm_phone_prefixe: string;
  readonly cel_phone_num: string;
  /** `Y` once the merchant's notify URL acknowledged, else `N`. */
  readonly cpm_ipn_ack: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** An Annexe I code; `00` means paid. */
  readonly cpm_result: string;
  /** `ACCEPTED`, `REFUSED`, ... */
  readonly cpm_trans_status: string;
  readonly cpm_designation: string;
  readonly buyer_name: string;
}

/** The record fields that every transaction carries (`cpm_trans_date` is status-only). */
export const TRANSACTION_FIELDS = [
  'cpm_site_id',
  'signature',
  'cpm_amount',
  'cpm_trans_id',
  'cpm_custom',
  'cpm_currency',
  'cpm_payid',
  'cpm_payment_date',
  'cpm_payment_time',
  'cpm_error_message',
  'payment_method',
  'cpm_phone_prefixe',
  'cel_phone_num',
  'cpm_ipn_ack',
  'created_at',
  'updated_at',
  'cpm_result',
  'cpm_trans_status',
  'cpm_designation',
  'buyer_name',
] as const satisfies readonly (keyof TransactionRecord)[];

/** `checkPayStatus` answer. */
export interface StatusResponse {
  readonly transaction: TransactionRecord;
}

/** `POST ?method=getTransHistory` filters (guide 3.3); dates are `jj-mm-aaaa`. */
export interface HistoryFilters {
  readonly date_debut?: string;
  readonly date_fin?: string;
  readonly cpm_payid?: string;
  readonly cel_phone_num?: string;
  readonly numeropage?: string;
  readonly nbligne?: string;
  readonly cpm_trans_id?: string;
}

export const HISTORY_FILTERS = [
  'date_debut',
  'date_fin',
  'cpm_payid',
  'cel_phone_num',
  'numeropage',
  'nbligne',
  'cpm_trans_id',
] as const satisfies readonly (keyof HistoryFilters)[];

export interface HistoryRequest extends HistoryFilters {
  readonly apikey: string;
  readonly cpm_site_id: string;
}

/** `getTransHistory` answer. */
export interface HistoryResponse {
  readonly Transactions: { readonly transaction: readonly TransactionRecord[] };
}

/** `POST ?method=getCompteStatus` (guide 3.4). */
export interface BalanceRequest {
  readonly apikey: string;
  readonly cpm_site_id: string;
}

/** Balances are decimal strings (`"865.4"`): fees make them fractional. */
export interface Balance {
  readonly solde: string;
  readonly credit: string;
  readonly debit: string;
}

/** `getCompteStatus` answer: the merchant's account and this service. */
export interface BalanceResponse {
  readonly user: { readonly compte: Balance; readonly service: Balance };
}

/** Every method's error answer, e.g. `{"status":{"code":"609","message":"AUTH_NOT_FOUND"}}`. */
export interface ErrorResponse {
  readonly status: { readonly code: string; readonly message: string };
}
