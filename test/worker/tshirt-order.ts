/**
 * The demo shop's T-shirt as a new order, the way checkout hands it to the
 * Order object's `open`: for tests that drive the object directly.
 */

import type { OrderToOpen } from '../../worker/src/order-object';
import type { ApiGeneration } from '../../worker/src/payment-provider';

export function tshirtOrder(transId: string, createdAt: Date, siteId: string, api: ApiGeneration): OrderToOpen {
  return {
    transId,
    kind: 'product',
    productId: 'tshirt-m',
    amount: 5000,
    currency: 'CFA',
    designation: 'T-shirt CinetPay (M)',
    custom: '',
    lang: 'fr',
    phone: null,
    phonePrefix: null,
    siteId,
    api,
    createdAt: createdAt.toISOString(),
    file: null,
  };
}
