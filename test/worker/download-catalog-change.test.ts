/**
 * A paid digital product the merchant stops selling. The customer paid for
 * the file; taking the product off CATALOG (or renaming its id for a new
 * edition) stops new sales, and must not take the file away from the
 * orders already paid, within their DOWNLOAD_TTL and DOWNLOAD_LIMIT. The
 * order is paid for real under the sandbox's catalog; the Worker is then
 * asked under the same settings with that product left out, as after the
 * merchant's next deploy.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import workerModule from '../../worker/src/index';
import { orderStub } from '../../worker/src/order-object';
import { paidOrder, publicOrder, WORKER } from './support';

const KEY = 'ebooks/30-recettes-attieke.pdf';
/** The same bytes as download.test.ts puts under the same key, so that the two files never disagree on the bucket's content. */
const FILE = new TextEncoder().encode('%PDF-1.4\n% 30 recettes d’attiéké, test bytes\n'.repeat(200));

/** The sandbox's catalog without the e-book. */
const WITHOUT_EBOOK: Env = {
  ...env,
  CATALOG: Object.fromEntries(Object.entries(env.CATALOG).filter(([id]) => id !== 'ebook-attieke')) as Env['CATALOG'],
};

function afterDeploy(path: string): Promise<Response> {
  return workerModule.fetch(new Request(`${WORKER}${path}`, { headers: { 'cf-connecting-ip': '10.99.0.1' } }), WITHOUT_EBOOK);
}

beforeAll(async () => {
  await env.FILES.put(KEY, FILE, { httpMetadata: { contentType: 'application/pdf' } });
});

describe('a paid e-book taken off the catalog', () => {
  it('still downloads for the customer who paid for it', async () => {
    const { transId } = await paidOrder('success', { product: 'ebook-attieke' });
    const paid = await publicOrder(transId);
    expect(paid.status).toBe('ACCEPTED');
    expect(paid.downloadUrl).toBeDefined();

    const status = await afterDeploy(`/api/orders/${transId}`);
    expect(status.status).toBe(200);
    const order = await status.json<{ readonly downloadUrl?: string }>();
    expect(order.downloadUrl, 'the paid order lost its download link').toBe(paid.downloadUrl);

    const { pathname, search } = new URL(paid.downloadUrl ?? '');
    const response = await afterDeploy(`${pathname}${search}`);
    expect(response.status, 'the paid order’s file is refused').toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE);
  });

  it('an order stored before orders kept their file still finds it in the catalog', async () => {
    const { transId } = await paidOrder('success', { product: 'ebook-attieke' });
    await runInDurableObject(orderStub(env, transId), (_instance, state) => {
      state.storage.sql.exec('UPDATE order_record SET file_key = NULL, file_name = NULL');
    });
    const order = await publicOrder(transId);
    expect(order.downloadUrl).toBeDefined();
    const { pathname, search } = new URL(order.downloadUrl ?? '');
    const response = await workerModule.fetch(new Request(`${WORKER}${pathname}${search}`, { headers: { 'cf-connecting-ip': '10.99.0.2' } }), env);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE);
  });
});
