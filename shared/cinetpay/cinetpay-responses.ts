/**
 * Parsers for the bodies the CinetPay v1 API answers, from raw text to typed
 * records. The guide says to JSON-decode every answer, whatever it is: the
 * signature arrives as a JSON string (`"95db…"`), errors as
 * `{"status":{"code","message"}}`, records as objects whose every value is a
 * string. Parsers accept numbers where a string is expected (and turn them
 * into strings), decode HTML entities in values, and refuse anything whose
 * meaning would have to be guessed.
 */

import { err, ok, type Result } from '../result';
import { decodeHtmlEntities } from './html-entities';
import { type Balance, type BalanceResponse, type HistoryResponse, TRANSACTION_FIELDS, type TransactionRecord } from './wire';

/** Why a body could not be used: CinetPay said no (an Annexe I code), or the body is not what the guide describes. */
export type AnswerError =
  | { readonly kind: 'cinetpay'; readonly code: string; readonly message: string }
  | { readonly kind: 'unparseable'; readonly detail: string };

export type Answer<T> = Result<T, AnswerError>;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

function unparseable(detail: string): { readonly ok: false; readonly error: AnswerError } {
  return err({ kind: 'unparseable', detail });
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: string): Json | undefined {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, '').trim()) as Json;
  } catch {
    return undefined;
  }
}

/** A field's value as the string the guide promises; numbers are accepted, anything else is not. */
function stringValue(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return decodeHtmlEntities(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value === null) return '';
  return undefined;
}

/** `{"status":{"code":"609","message":"AUTH_NOT_FOUND"}}` -> the error it carries, if the body is one. */
function statusError(json: Json | undefined): AnswerError | undefined {
  if (!isObject(json) || !isObject(json['status'])) return undefined;
  const code = stringValue(json['status']['code']);
  const message = stringValue(json['status']['message']) ?? '';
  return code === undefined ? undefined : { kind: 'cinetpay', code, message };
}

function describeBody(body: string): string {
  const start = body.trim().slice(0, 1);
  if (start === '<') return 'an HTML page';
  if (body.trim() === '') return 'an empty body';
  return 'a body that is not the JSON the guide describes';
}

const SIGNATURE = /^[0-9A-Za-z]{8,128}$/;

/** `getSignatureByPost`: the signature string, or the CinetPay error. */
export function parseSignatureAnswer(body: string): Answer<string> {
  const json = parseJson(body);
  if (typeof json === 'string') {
    return SIGNATURE.test(json) ? ok(json) : unparseable('the signature is not 8 to 128 letters or digits');
  }
  const error = statusError(json);
  return error ? err(error) : unparseable(`getSignatureByPost answered ${describeBody(body)}`);
}

const REQUIRED_FOR_DECISION = ['cpm_site_id', 'signature', 'cpm_amount', 'cpm_trans_id', 'cpm_result'] as const;
/** A record without a result or a transaction id says nothing about any payment. */
const NON_EMPTY = ['cpm_trans_id', 'cpm_result'] as const;

/** One transaction object to a typed record; fields missing from the answer become `""`, except those a verdict needs. */
export function parseTransactionRecord(json: Json | undefined): Answer<TransactionRecord> {
  if (!isObject(json)) return unparseable('the transaction is not an object');
  const record: Record<string, string> = {};
  for (const field of [...TRANSACTION_FIELDS, 'cpm_trans_date'] as const) {
    const value = json[field] === undefined ? undefined : stringValue(json[field]);
    if (json[field] !== undefined && value === undefined) return unparseable(`the field ${field} is not a string`);
    if (value === undefined && (REQUIRED_FOR_DECISION as readonly string[]).includes(field)) {
      return unparseable(`the field ${field} is missing`);
    }
    if (value === '' && (NON_EMPTY as readonly string[]).includes(field)) return unparseable(`the field ${field} is empty`);
    if (value !== undefined) record[field] = value;
    else if (field !== 'cpm_trans_date') record[field] = '';
  }
  return ok(record as unknown as TransactionRecord);
}

/** `checkPayStatus`: `{"transaction":{...}}`, or the CinetPay error. */
export function parseStatusAnswer(body: string): Answer<TransactionRecord> {
  const json = parseJson(body);
  const error = statusError(json);
  if (error) return err(error);
  if (!isObject(json) || json['transaction'] === undefined) return unparseable(`checkPayStatus answered ${describeBody(body)}`);
  return parseTransactionRecord(json['transaction']);
}

/**
 * `getTransHistory`: `{"Transactions":{"transaction":[...]}}`. A single
 * transaction may come as an object rather than a one-element array, and no
 * transaction as an empty or missing list: all three read as an array.
 */
export function parseHistoryAnswer(body: string): Answer<HistoryResponse> {
  const json = parseJson(body);
  const error = statusError(json);
  if (error) return err(error);
  if (!isObject(json) || !isObject(json['Transactions'])) return unparseable(`getTransHistory answered ${describeBody(body)}`);
  const raw = json['Transactions']['transaction'];
  const list: readonly Json[] = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
  const transactions: TransactionRecord[] = [];
  for (const item of list) {
    const record = parseTransactionRecord(item);
    if (!record.ok) return record;
    transactions.push(record.value);
  }
  return ok({ Transactions: { transaction: transactions } });
}

function parseBalance(json: Json | undefined, name: string): Answer<Balance> {
  if (!isObject(json)) return unparseable(`the ${name} balance is missing`);
  const solde = stringValue(json['solde']);
  const credit = stringValue(json['credit']);
  const debit = stringValue(json['debit']);
  if (solde === undefined || credit === undefined || debit === undefined) return unparseable(`the ${name} balance is incomplete`);
  return ok({ solde, credit, debit });
}

/** `getCompteStatus`: `{"user":{"compte":{solde,credit,debit},"service":{...}}}`. */
export function parseBalanceAnswer(body: string): Answer<BalanceResponse> {
  const json = parseJson(body);
  const error = statusError(json);
  if (error) return err(error);
  if (!isObject(json) || !isObject(json['user'])) return unparseable(`getCompteStatus answered ${describeBody(body)}`);
  const compte = parseBalance(json['user']['compte'], 'account');
  if (!compte.ok) return compte;
  const service = parseBalance(json['user']['service'], 'service');
  if (!service.ok) return service;
  return ok({ user: { compte: compte.value, service: service.value } });
}
