/**
 * The sandbox's payment signature: HMAC-SHA1 (WebCrypto) over a canonical
 * form encoding of exactly the signed fields, keyed with a key that never
 * leaves the sandbox. It is deterministic, as CinetPay's PHP SDK assumes when
 * it checks a payment by asking for the signature of the same fields again.
 * The phone prefix is signed under the request's spelling `cpm_phone_prefix`
 * whatever spelling the caller used, so that the hosted form (which says
 * `cpm_phone_prefixe`) signs identically.
 */

import { encodeForm } from '../../shared/cinetpay/form-encoding';
import type { SignatureRequest } from '../../shared/cinetpay/wire';

/** The fields a signature covers, in the order they are encoded. `apikey` is checked, not signed. */
export const SIGNED_FIELDS = [
  'cpm_amount',
  'cpm_currency',
  'cpm_site_id',
  'cpm_trans_id',
  'cpm_trans_date',
  'cpm_payment_config',
  'cpm_page_action',
  'cpm_version',
  'cpm_language',
  'cpm_designation',
  'cpm_custom',
  'cel_phone_num',
  'cpm_phone_prefix',
] as const satisfies readonly (keyof SignatureRequest)[];

export type SignedField = (typeof SIGNED_FIELDS)[number];

/** The values a signature covers; an optional field that was not sent is `""`. */
export type SignedFields = Readonly<Record<SignedField, string>>;

/**
 * Internal to the sandbox, like CinetPay's own key. It is in the source on
 * purpose: the sandbox holds no secret, and a merchant must never compute a
 * signature themselves anyway.
 */
const SIGNING_KEY = 'cinetpay-sandbox-v1-signing-key';

/** Picks the signed fields out of a request or a hosted form; `prefixField` says how the caller spells the prefix. */
export function signedFieldsOf(fields: Readonly<Record<string, string>>, prefixField: 'cpm_phone_prefix' | 'cpm_phone_prefixe'): SignedFields {
  const value = (name: string): string => fields[name] ?? '';
  return {
    cpm_amount: value('cpm_amount'),
    cpm_currency: value('cpm_currency'),
    cpm_site_id: value('cpm_site_id'),
    cpm_trans_id: value('cpm_trans_id'),
    cpm_trans_date: value('cpm_trans_date'),
    cpm_payment_config: value('cpm_payment_config'),
    cpm_page_action: value('cpm_page_action'),
    cpm_version: value('cpm_version'),
    cpm_language: value('cpm_language'),
    cpm_designation: value('cpm_designation'),
    cpm_custom: value('cpm_custom'),
    cel_phone_num: value('cel_phone_num'),
    cpm_phone_prefix: value(prefixField),
  };
}

/** `cpm_amount=100&cpm_currency=CFA&...`: every signed field, always in `SIGNED_FIELDS` order. */
export function canonicalEncoding(fields: SignedFields): string {
  const ordered: Record<string, string> = {};
  for (const name of SIGNED_FIELDS) ordered[name] = fields[name];
  return encodeForm(ordered);
}

/** Imported per call: a promise shared across requests would tie one request's work to another's context. */
function signingKey(): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(SIGNING_KEY), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
}

/** The signature of these fields: 40 lowercase hex characters, like the guide's sample. */
export async function signFields(fields: SignedFields): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await signingKey(), new TextEncoder().encode(canonicalEncoding(fields)));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** True when both field sets encode identically, i.e. one signature covers both. */
export function sameSignedFields(a: SignedFields, b: SignedFields): boolean {
  return canonicalEncoding(a) === canonicalEncoding(b);
}
