/**
 * The one place that chooses the payment provider. New orders get the
 * configured generation (`CINETPAY_API`); an existing order is verified with
 * the generation it was created with, so that moving a shop between v1, v2
 * and 2026 loses no order in flight.
 */

import { Cinetpay2026 } from './cinetpay-2026';
import { CinetpayV1 } from './cinetpay-v1';
import { CinetpayV2 } from './cinetpay-v2';
import type { Config } from './config';
import type { ApiGeneration, PaymentProvider } from './payment-provider';

export function paymentProvider(config: Config, generation: ApiGeneration = config.api): PaymentProvider {
  switch (generation) {
    case 'v1':
      return new CinetpayV1(config);
    case 'v2':
      return new CinetpayV2(config);
    case '2026':
      return new Cinetpay2026(config);
  }
}
