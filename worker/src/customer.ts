/**
 * The payer's name and email from a checkout request, which CinetPay's 2026
 * API requires (`client_first_name`, `client_last_name`, `client_email`).
 * Under that API all three are required and come from the widget's
 * `customer-*` attributes (the merchant's page fills them, e.g. from a small
 * form) or from a payment link's own form; the Worker never invents them: a
 * placeholder email would send CinetPay's receipt to nobody, or to the
 * merchant. Under v1 and v2 they are optional and, when sent, checked all
 * the same. `customerRequired` is the one place that says which API needs
 * them: checkout and the payment-link pages both ask it.
 */

import type { CheckoutRequest } from '../../shared/api/contract';
import { isPrintableText } from '../../shared/cinetpay/validate';
import { err, ok, type Result } from '../../shared/result';
import { type ApiError, apiError } from './api-error';
import type { Config } from './config';
import type { Customer } from './payment-provider';

export const MAX_NAME_LENGTH = 60;
export const MAX_EMAIL_LENGTH = 254;
/** One @, no spaces, a dot in the domain: what a form's type="email" accepts, roughly; CinetPay checks deliverability. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export const CUSTOMER_FIELDS = ['customerFirstName', 'customerLastName', 'customerEmail'] as const satisfies readonly (keyof CheckoutRequest)[];
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** Whether new orders need the customer's name and email: only CinetPay's 2026 API asks for them. */
export function customerRequired(config: Pick<Config, 'api'>): boolean {
  return config.api === '2026';
}

function missing(value: unknown): boolean {
  return value === undefined || value === '';
}

function name(value: unknown, field: string): Result<string, ApiError> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' || text.length > MAX_NAME_LENGTH || !isPrintableText(text) || /[<>]/.test(text)) {
    return err(apiError('INVALID_CUSTOMER', `Invalid ${field}: expected a name of 1 to ${MAX_NAME_LENGTH} printable characters`));
  }
  return ok(text);
}

function email(value: unknown): Result<string, ApiError> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_EMAIL_LENGTH || !EMAIL.test(text)) return err(apiError('INVALID_CUSTOMER', 'Invalid customerEmail: expected an email address'));
  return ok(text);
}

/** Each field on its own: its cleaned value, or why it is refused. */
function readField(body: Readonly<Record<string, unknown>>, field: CustomerField): Result<string, ApiError> {
  return field === 'customerEmail' ? email(body[field]) : name(body[field], field);
}

/** The customer of a checkout body: `null` when none is sent and none is `required`. */
export function readCustomer(body: Readonly<Record<string, unknown>>, required: boolean): Result<Customer | null, ApiError> {
  if (!required && CUSTOMER_FIELDS.every((field) => body[field] === undefined)) return ok(null);
  const absent = CUSTOMER_FIELDS.filter((field) => missing(body[field]));
  if (absent.length > 0) {
    return err(apiError('INVALID_CUSTOMER', `CinetPay needs the customer's name and email: send ${absent.join(', ')} (the widget's customer-* attributes)`));
  }
  const firstName = readField(body, 'customerFirstName');
  if (!firstName.ok) return firstName;
  const lastName = readField(body, 'customerLastName');
  if (!lastName.ok) return lastName;
  const address = readField(body, 'customerEmail');
  if (!address.ok) return address;
  return ok({ firstName: firstName.value, lastName: lastName.value, email: address.value });
}

/** The fields a refused customer got wrong (blank or invalid), so that a form can mark each one. */
export function refusedCustomerFields(body: Readonly<Record<string, unknown>>): CustomerField[] {
  return CUSTOMER_FIELDS.filter((field) => !readField(body, field).ok);
}
