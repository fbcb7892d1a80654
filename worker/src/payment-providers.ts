/**
 * The one place that chooses the payment provider for a configuration. The
 * `Order` object and the routes get theirs here, so that a second CinetPay
 * API generation is one more case, not a change in every caller.
 */

import { CinetpayV1 } from './cinetpay-v1';
import type { Config } from './config';
import type { PaymentProvider } from './payment-provider';

export function paymentProvider(config: Config): PaymentProvider {
  return new CinetpayV1(config);
}
