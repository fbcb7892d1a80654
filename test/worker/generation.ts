/**
 * Orders as a shop has them in flight when it moves between CinetPay API
 * generations: created by one generation's provider while the Worker under
 * test runs with the other (`CINETPAY_API`).
 */

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { readConfig } from '../../worker/src/config';
import { orderStub } from '../../worker/src/order-object';
import type { ApiGeneration } from '../../worker/src/payment-provider';
import { paymentProvider } from '../../worker/src/payment-providers';
import { newTransId } from '../../worker/src/trans-id';
import { tshirtOrder } from './tshirt-order';

/**
 * An order created with `generation` while the Worker now runs with the
 * other one: exactly what a shop moving between v1 and v2 has in flight.
 * The payment is started by that generation's provider and stored with its
 * name, as checkout did before the move; the customer reaches its page.
 */
export async function orderFromBeforeTheMove(generation: ApiGeneration): Promise<string> {
  const config = readConfig(env);
  if (!config.ok) throw new Error('the test configuration is invalid');
  const createdAt = new Date();
  const transId = newTransId(createdAt);
  const base = config.value.publicUrl;
  const started = await paymentProvider(config.value, generation).startPayment({
    transId,
    createdAt,
    amount: 5000,
    currency: 'CFA',
    designation: 'T-shirt CinetPay (M)',
    custom: '',
    lang: 'fr',
    phone: null,
    customer: generation === '2026' ? { firstName: 'Awa', lastName: 'Koné', email: 'awa.kone@example.com' } : null,
    notifyUrl: `${base}/notify`,
    returnUrl: `${base}/return?trans_id=${transId}`,
    cancelUrl: `${base}/cancel?trans_id=${transId}`,
  });
  if (!started.ok) throw new Error(`the ${generation} payment did not start: ${started.error.detail}`);
  const stub = orderStub(env, transId);
  const opened = await stub.open(tshirtOrder(transId, createdAt, config.value.siteId, generation));
  expect(opened.ok).toBe(true);
  expect((await stub.sign(started.value.signature, started.value.notifyToken ?? null)).ok).toBe(true);
  const { navigation } = started.value;
  const page =
    navigation.method === 'POST'
      ? await fetch(navigation.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: encodeForm({ ...navigation.fields }),
        })
      : await fetch(navigation.action);
  expect(page.status).toBe(200);
  return transId;
}
