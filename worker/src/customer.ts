/**
 * The payer's name and email from a checkout request, which CinetPay's 2026
 * API requires (`client_first_name`, `client_last_name`, `client_email`).
 * Under that API all three are required and come from the widget's
 * `customer-*` attributes (the merchant's page fills them, e.g. from a small
 * form); the Worker never invents them: a placeholder email would send
 * CinetPay's receipt to nobody, or to the merchant. Under v1 and v2 they are
 * optional and, when sent, checked all the same.
 */

import type { CheckoutRequest } from '../../shared/api/contract';
import { isPrintableText } from '../../shared/cinetpay/validate';
import { err, ok, type Result } from '../../shared/result';
import { type ApiError, apiError } from './api-error';
import type { Customer } from './payment-provider';

const MAX_NAME_LENGTH = 60;
const MAX_EMAIL_LENGTH = 254;
/** One @, no spaces, a dot in the domain: what a form's type="email" accepts, roughly; CinetPay checks deliverability. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export const CUSTOMER_FIELDS = ['customerFirstName', 'customerLastName', 'customerEmail'] as const satisfies readonly (keyof CheckoutRequest)[];

function name(value: unknown, field: string): Result<string, ApiError> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' || text.length > MAX_NAME_LENGTH || !isPrintableText(text) || /[<>]/.test(text)) {
    return err(apiError('INVALID_CUSTOMER', `Invalid ${field}: expected a name of 1 to ${MAX_NAME_LENGTH} printable characters`));
  }
  return ok(text);
}

/** The customer of a checkout body: `null` when none is sent and none is `required`. */
export function readCustomer(body: Readonly<Record<string, unknown>>, required: boolean): Result<Customer | null, ApiError> {
  if (!required && CUSTOMER_FIELDS.every((field) => body[field] === undefined)) return ok(null);
  const missing = CUSTOMER_FIELDS.filter((field) => body[field] === undefined || body[field] === '');
  if (missing.length > 0) {
    return err(apiError('INVALID_CUSTOMER', `CinetPay needs the customer's name and email: send ${missing.join(', ')} (the widget's customer-* attributes)`));
  }
  const firstName = name(body['customerFirstName'], 'customerFirstName');
  if (!firstName.ok) return firstName;
  const lastName = name(body['customerLastName'], 'customerLastName');
  if (!lastName.ok) return lastName;
  const email = typeof body['customerEmail'] === 'string' ? body['customerEmail'].trim() : '';
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) return err(apiError('INVALID_CUSTOMER', 'Invalid customerEmail: expected an email address'));
  return ok({ firstName: firstName.value, lastName: lastName.value, email });
}
