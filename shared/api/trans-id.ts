/**
 * The one rule for a transaction id (`cpm_trans_id`) in this project: letters,
 * digits, `-` and `_`, at most 64. The Worker mints digits only; the rule is
 * wider so that an id stays safe wherever it travels: in URLs
 * (`/api/orders/:transId`, `?trans_id=`), as a Durable Object's name, as a
 * key of the sandbox's store. The widget checks `?trans_id=` with the same
 * pattern before it asks the Worker.
 */

import { type Validated, validateMatching } from '../cinetpay/validate';

export const TRANS_ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

/** A transaction id from anywhere (a form, a URL, a path), named by `field` in the refusal. */
export function validateTransId(value: unknown, field = 'cpm_trans_id'): Validated<string> {
  return validateMatching('INVALID_TRANS_ID', TRANS_ID_PATTERN, '1 to 64 letters, digits, "-" or "_"', value, field);
}
