import { beforeEach, describe, expect, it } from 'vitest';
import { decodeProducts } from '../../shared/api/decode';
import { admin, eventually, paidOrder, resetSandbox, worker } from './support';

beforeEach(resetSandbox);

describe('CORS', () => {
  it('an allowed origin gets its own Access-Control-Allow-Origin, on the preflight and the answer', async () => {
    const preflight = await worker('/api/checkout', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:8787', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('a page on a foreign origin passes its preflight, then reads FORBIDDEN_ORIGIN and nothing else', async () => {
    const origin = 'https://other-shop.example';
    const preflight = await worker('/api/checkout', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const post = await worker('/api/checkout', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"product":"tshirt-m"}' });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBe(origin);
    expect(post.headers.get('vary')).toContain('Origin');
    expect(await post.json()).toEqual({
      error: {
        code: 'FORBIDDEN_ORIGIN',
        message: `This page's origin is not in the Worker's ALLOWED_ORIGINS setting: add ${origin} to it (locally: ALLOWED_ORIGINS=${origin} npm start)`,
        customerMessage: 'Le paiement n’est pas disponible sur ce site.',
      },
    });
    // An order's status is refused too, even one that exists: nothing but the refusal crosses to that origin.
    const paid = await paidOrder('success');
    const status = await worker(`/api/orders/${paid.transId}`, { headers: { origin } });
    expect(status.status).toBe(403);
    expect(await status.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
  });

  it('a malformed or null origin gets no Access-Control-Allow-Origin anywhere', async () => {
    for (const origin of ['null', 'https://evil.example/', 'http://localhost:8787.evil.example', `https://${'o'.repeat(400)}.example`]) {
      const headers = { origin };
      const preflight = await worker('/api/checkout', { method: 'OPTIONS', headers });
      expect(preflight.status, origin).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const post = await worker('/api/checkout', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"product":"tshirt-m"}',
      });
      expect(post.status).toBe(403);
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
      const status = await worker('/api/orders/12345', { headers });
      expect(status.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('the public catalog is readable from anywhere and cacheable', async () => {
    const response = await worker('/api/products', { headers: { origin: 'https://anyone.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toContain('max-age=');
    const body = decodeProducts(await response.json());
    expect(body?.products).toContainEqual({ id: 'tshirt-m', amount: 5000, currency: 'CFA', designation: 'T-shirt CinetPay (M)' });
    expect(body?.openAmount).toEqual({ min: 100, max: 1000000, label: 'Don : ' });
    // v1 sends no payer name or email: a shop need not ask for them.
    expect(body?.customerRequired).toBe(false);
  });
});

describe('/admin/*', () => {
  it('answers 401 without a token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', 'Basic c2FuZGJveA==', 'Bearer ']) {
      const response = await worker('/admin/orders', authorization ? { headers: { authorization } } : {});
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('lists orders from the index, filtered by status', async () => {
    const paid = await paidOrder('success');
    const refused = await paidOrder('otp_error');
    const accepted = await eventually(async () => {
      const response = await admin('/admin/orders?status=ACCEPTED&limit=1000');
      const body = await response.json<{ orders: { transId: string; status: string }[] }>();
      return body.orders.some((order) => order.transId === paid.transId) ? body.orders : undefined;
    });
    expect(accepted.every((order) => order.status === 'ACCEPTED')).toBe(true);
    expect(accepted.map((order) => order.transId)).not.toContain(refused.transId);
    expect((await admin('/admin/orders?status=PAID')).status).toBe(400);
  });

  it('reads the balance (getCompteStatus) and the history (getTransHistory), with ISO dates converted', async () => {
    const paid = await paidOrder('success');
    const balance = await admin('/admin/balance');
    expect(balance.status).toBe(200);
    expect(await balance.json()).toMatchObject({ user: { compte: { solde: expect.any(String) }, service: { credit: expect.any(String) } } });
    const today = new Date().toISOString().slice(0, 10);
    const history = await admin(`/admin/transactions?from=${today}&to=${today}&transId=${paid.transId}`);
    expect(history.status).toBe(200);
    const body = await history.json<{ transactions: { cpm_trans_id: string; cpm_result: string }[] }>();
    expect(body.transactions).toMatchObject([{ cpm_trans_id: paid.transId, cpm_result: '00' }]);
    expect((await admin('/admin/transactions?from=2026-02-30')).status).toBe(400);
    expect((await admin('/admin/transactions?color=blue')).status).toBe(400);
  });
});

describe('GET /healthz', () => {
  it('answers 200 when the configuration is valid', async () => {
    const response = await worker('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
