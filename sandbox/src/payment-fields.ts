/**
 * Checks the fields of a payment the way CinetPay does, for both places that
 * receive them: `getSignatureByPost` and the hosted payment form. Each
 * problem maps to its Annexe I code, checked in a fixed order (missing
 * fields, credentials, then each field) so that a request with several
 * problems always gets the same answer. Lenient where the live service was
 * lenient with CinetPay's own PHP SDK: currency `XOF`, `cpm_trans_date` as
 * `YYYYMMDDHHMMSS`.
 */

import { validateTransId } from '../../shared/api/trans-id';
import { parseTransDate } from '../../shared/cinetpay/dates';
import { parseWireAmount, validatePhone, validatePhonePrefix } from '../../shared/cinetpay/validate';
import { API_VERSION, type Language, PAGE_ACTION, PAYMENT_CONFIG, RETURN_MODES, type ReturnMode } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';
import type { SandboxConfig } from './config';
import { SIGNED_FIELDS, type SignedField, type SignedFields, signedFieldsOf } from './signer';

/** A refusal: the Annexe I code the answer carries, and a developer-readable reason (shown on error pages, never containing the apikey). */
export interface FieldProblem {
  readonly code: string;
  readonly detail: string;
}

/** A `getSignatureByPost` request that passed every check. */
export interface CheckedSignatureRequest {
  readonly signed: SignedFields;
}

/** A hosted-page form that passed every check (its signature is checked against the issued one afterwards). */
export interface CheckedForm {
  readonly signed: SignedFields;
  readonly signature: string;
  readonly notifyUrl: string | null;
  readonly returnUrl: string | null;
  readonly cancelUrl: string | null;
  /** `null` when absent or not one of GET, POST, NONE: the guide's default, no parameters. */
  readonly returnMode: ReturnMode | null;
  /** Set for a payment created by checkout v2 (v2-api.ts) or the 2026 API (api2026.ts): its notifications and return follow it. */
  readonly api?: 'v2' | '2026';
  /** 2026 only: the per-transaction token its notifications carry, and CinetPay's own transaction id. */
  readonly notifyToken?: string;
  readonly providerId?: string;
}

/** Signed fields a request may leave out: they are signed as `""`. */
const OPTIONAL_SIGNED: readonly SignedField[] = ['cpm_custom', 'cel_phone_num', 'cpm_phone_prefix'];

/** The mandatory fields of `getSignatureByPost`, in the order a 608 lists them. */
export const SIGNATURE_REQUIRED: readonly string[] = [...SIGNED_FIELDS.filter((name) => !OPTIONAL_SIGNED.includes(name)), 'apikey'];

const FORM_REQUIRED: readonly string[] = [...SIGNATURE_REQUIRED, 'signature'];

/** The guide's `CFA`, and `XOF`, the PHP SDK's default, which the live service accepted. */
export const ACCEPTED_CURRENCIES: readonly string[] = ['CFA', 'XOF'];

const COMPACT_TRANS_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `2017-04-09 15:45:22` (the guide) or `20170409154522` (the PHP SDK), UTC; `undefined` if neither or not a real instant. */
export function parseCinetpayTransDate(text: string): Date | undefined {
  const compact = COMPACT_TRANS_DATE.exec(text);
  if (compact) return parseTransDate(`${compact[1]}-${compact[2]}-${compact[3]} ${compact[4]}:${compact[5]}:${compact[6]}`);
  return parseTransDate(text);
}

/** The hosted page's language: `en` when asked for, French otherwise (the guide's default). */
export function pageLanguage(fields: Readonly<Record<string, string>>): Language {
  return fields['cpm_language'] === 'en' ? 'en' : 'fr';
}

function problem(code: string, detail: string): { readonly ok: false; readonly error: FieldProblem } {
  return err({ code, detail });
}

function present(fields: Readonly<Record<string, string>>, name: string): boolean {
  const value = fields[name];
  return value !== undefined && value.trim() !== '';
}

/**
 * The first checks of every method and of the hosted form: mandatory fields
 * present and non-empty (608), then the apikey (609), then the site id (613).
 */
export function checkCredentials(fields: Readonly<Record<string, string>>, required: readonly string[], config: SandboxConfig): Result<void, FieldProblem> {
  const missing = required.filter((name) => !present(fields, name));
  if (missing.length > 0) return problem('608', `Missing mandatory field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  // Never echo the key that was sent: a wrong key may be a real one.
  if (fields['apikey'] !== config.apikey) return problem('609', 'apikey is not the sandbox apikey (see sandbox/README.md)');
  if (fields['cpm_site_id'] !== config.siteId) return problem('613', `cpm_site_id is not the sandbox site id ${config.siteId}`);
  return ok(undefined);
}

/** The checks after the credentials, shared by a signature request and the hosted form: each signed value, in a fixed order. */
function checkSignedValues(
  fields: Readonly<Record<string, string>>,
  prefixField: 'cpm_phone_prefix' | 'cpm_phone_prefixe',
): Result<SignedFields, FieldProblem> {
  const transId = validateTransId(fields['cpm_trans_id']);
  if (!transId.ok) return problem('608', transId.error.message);
  const amount = parseWireAmount(fields['cpm_amount']);
  if (!amount.ok) {
    const code = amount.error.amountProblem === 'type' ? '611' : amount.error.amountProblem === 'too_low' ? '641' : '628';
    return problem(code, amount.error.message);
  }
  const currency = fields['cpm_currency'] ?? '';
  if (!ACCEPTED_CURRENCIES.includes(currency)) return problem('612', `Invalid cpm_currency: expected CFA, got ${JSON.stringify(currency)}`);
  const transDate = fields['cpm_trans_date'] ?? '';
  if (!parseCinetpayTransDate(transDate)) {
    return problem('614', `Invalid cpm_trans_date: expected a UTC date "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(transDate)}`);
  }
  const language = fields['cpm_language'] ?? '';
  if (language !== 'fr' && language !== 'en') return problem('615', `Invalid cpm_language: expected fr or en, got ${JSON.stringify(language)}`);
  if (fields['cpm_page_action'] !== PAGE_ACTION) return problem('616', `Invalid cpm_page_action: expected ${PAGE_ACTION}`);
  if (fields['cpm_payment_config'] !== PAYMENT_CONFIG) return problem('617', `Invalid cpm_payment_config: expected ${PAYMENT_CONFIG}`);
  if (fields['cpm_version'] !== API_VERSION) return problem('618', `Invalid cpm_version: expected ${API_VERSION}`);
  const hasPhone = present(fields, 'cel_phone_num');
  const hasPrefix = present(fields, prefixField);
  if (hasPhone !== hasPrefix) return problem('608', `cel_phone_num and ${prefixField} go together: send both or neither`);
  if (hasPhone) {
    const phone = validatePhone(fields['cel_phone_num']);
    if (!phone.ok) return problem('636', phone.error.message);
    const prefix = validatePhonePrefix(fields[prefixField], prefixField);
    if (!prefix.ok) return problem('636', prefix.error.message);
  }
  return ok(signedFieldsOf(fields, prefixField));
}

/**
 * Checks a `getSignatureByPost` body whose credentials passed already
 * (`checkCredentials` with SIGNATURE_REQUIRED: 608, 609, 613): 608,
 * 611/628/641, 612, 614, 615, 616, 617, 618, 636.
 */
export function checkSignatureRequest(fields: Readonly<Record<string, string>>): Result<CheckedSignatureRequest, FieldProblem> {
  const signed = checkSignedValues(fields, 'cpm_phone_prefix');
  return signed.ok ? ok({ signed: signed.value }) : signed;
}

function optionalUrl(fields: Readonly<Record<string, string>>, name: string): Result<string | null, FieldProblem> {
  const value = fields[name]?.trim() ?? '';
  if (value === '') return ok(null);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem('606', `${name} must be an absolute http(s) URL`);
  }
  // Anything else (javascript:, data:) would turn the sandbox's redirects into a script injection.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return problem('606', `${name} must be an absolute http(s) URL`);
  return ok(url.href);
}

function returnModeOf(value: string | undefined): ReturnMode | null {
  const upper = value?.trim().toUpperCase() ?? '';
  return RETURN_MODES.find((mode) => mode === upper) ?? null;
}

/** Checks a hosted-page form: the same checks as a signature request, plus `signature` and the three URLs (606 if not http(s)). */
export function checkPaymentForm(fields: Readonly<Record<string, string>>, config: SandboxConfig): Result<CheckedForm, FieldProblem> {
  const credentials = checkCredentials(fields, FORM_REQUIRED, config);
  if (!credentials.ok) return credentials;
  const signed = checkSignedValues(fields, 'cpm_phone_prefixe');
  if (!signed.ok) return signed;
  const notifyUrl = optionalUrl(fields, 'notify_url');
  if (!notifyUrl.ok) return notifyUrl;
  const returnUrl = optionalUrl(fields, 'return_url');
  if (!returnUrl.ok) return returnUrl;
  const cancelUrl = optionalUrl(fields, 'cancel_url');
  if (!cancelUrl.ok) return cancelUrl;
  return ok({
    signed: signed.value,
    signature: fields['signature'] ?? '',
    notifyUrl: notifyUrl.value,
    returnUrl: returnUrl.value,
    cancelUrl: cancelUrl.value,
    returnMode: returnModeOf(fields['cpm_return_mode']),
  });
}
