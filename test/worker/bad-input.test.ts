import { describe, expect, it } from 'vitest';
import { orderObjectCount, postJson, worker } from './support';

interface Case {
  readonly name: string;
  readonly body: unknown;
  readonly status: number;
  readonly code: string;
  readonly headers?: Record<string, string>;
}

const CASES: readonly Case[] = [
  { name: 'unknown product', body: { product: 'nope' }, status: 400, code: 'UNKNOWN_PRODUCT' },
  { name: 'a product id that is not a string', body: { product: 42 }, status: 400, code: 'UNKNOWN_PRODUCT' },
  { name: 'a client amount for a catalog product', body: { product: 'tshirt-m', amount: 5 }, status: 400, code: 'AMOUNT_NOT_ALLOWED' },
  { name: 'neither product nor amount', body: {}, status: 400, code: 'MISSING_FIELD' },
  { name: 'an amount below 5', body: { amount: 4, designation: 'Don' }, status: 400, code: 'AMOUNT_TOO_LOW' },
  { name: "an amount below the shop's minimum", body: { amount: 99, designation: 'Don' }, status: 400, code: 'AMOUNT_OUT_OF_BOUNDS' },
  { name: "an amount above the shop's maximum", body: { amount: 1_000_001, designation: 'Don' }, status: 400, code: 'AMOUNT_OUT_OF_BOUNDS' },
  { name: 'a huge amount', body: { amount: 1e20, designation: 'Don' }, status: 400, code: 'AMOUNT_TOO_HIGH' },
  { name: 'a non-integer amount', body: { amount: 150.5, designation: 'Don' }, status: 400, code: 'INVALID_AMOUNT' },
  { name: 'an amount as a string', body: { amount: '150', designation: 'Don' }, status: 400, code: 'INVALID_AMOUNT' },
  { name: 'a negative amount', body: { amount: -150, designation: 'Don' }, status: 400, code: 'AMOUNT_TOO_LOW' },
  { name: 'an open amount without designation', body: { amount: 150 }, status: 400, code: 'INVALID_DESIGNATION' },
  { name: 'control characters in designation', body: { amount: 150, designation: 'Don\u0000\u0007' }, status: 400, code: 'INVALID_DESIGNATION' },
  { name: 'a newline in designation', body: { amount: 150, designation: 'Don\nsecret' }, status: 400, code: 'INVALID_DESIGNATION' },
  { name: 'a designation of 256 characters', body: { amount: 150, designation: 'é'.repeat(256) }, status: 400, code: 'INVALID_DESIGNATION' },
  { name: 'an unknown language', body: { product: 'tshirt-m', lang: 'de' }, status: 400, code: 'INVALID_LANGUAGE' },
  { name: 'a custom field with control characters', body: { product: 'tshirt-m', custom: 'a\u001bb' }, status: 400, code: 'INVALID_CUSTOM' },
  { name: 'a phone without its prefix', body: { product: 'tshirt-m', phone: '01020304' }, status: 400, code: 'INVALID_PHONE_PREFIX' },
  { name: 'a phone with letters', body: { product: 'tshirt-m', phone: '0102abcd', phonePrefix: '225' }, status: 400, code: 'INVALID_PHONE' },
  { name: 'an unknown field (a client price)', body: { product: 'tshirt-m', price: 5 }, status: 400, code: 'UNKNOWN_FIELD' },
  { name: 'a JSON array', body: '[1,2]', status: 400, code: 'INVALID_BODY' },
  { name: 'JSON null', body: 'null', status: 400, code: 'INVALID_BODY' },
  { name: 'malformed JSON', body: '{"product": "tshirt-m"', status: 400, code: 'INVALID_JSON' },
  { name: 'an empty body', body: '', status: 400, code: 'INVALID_JSON' },
  { name: 'an oversized body', body: JSON.stringify({ product: 'tshirt-m', custom: 'x'.repeat(5000) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: 'a form body',
    body: 'product=tshirt-m',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  { name: 'no content type', body: '{"product":"tshirt-m"}', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', headers: { 'content-type': '' } },
  { name: 'a disallowed origin', body: { product: 'tshirt-m' }, status: 403, code: 'FORBIDDEN_ORIGIN', headers: { origin: 'https://evil.example' } },
];

describe('POST /api/checkout refuses bad input with a 4xx JSON error and creates no order', () => {
  for (const { name, body, status, code, headers } of CASES) {
    it(`${name} -> ${status} ${code}`, async () => {
      const before = await orderObjectCount();
      const response = await postJson('/api/checkout', body, headers);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      const answer = await response.json<{ error: { code: string; message: string } }>();
      expect(answer.error.code).toBe(code);
      expect(answer.error.message.length).toBeGreaterThan(0);
      expect(await orderObjectCount()).toBe(before);
    });
  }

  it('names the field and the received value in the message', async () => {
    const response = await postJson('/api/checkout', { amount: 12.5, designation: 'Don' });
    expect((await response.json<{ error: { message: string } }>()).error.message).toBe('Invalid amount: expected an integer >= 5, got 12.5');
  });
});

describe('other routes refuse bad input', () => {
  it('a wrong method gets 405 with Allow', async () => {
    const response = await worker('/api/checkout', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await response.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('an unknown route gets a 404 JSON error', async () => {
    const response = await worker('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('a malformed order id gets 400, an unknown one 404', async () => {
    expect((await worker('/api/orders/not%20valid')).status).toBe(400);
    const unknown = await worker('/api/orders/12345');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } });
  });

  it('a notification without a valid cpm_trans_id, with a duplicated field, or as JSON gets 4xx', async () => {
    const form = (body: string) => worker('/notify', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await form('cpm_site_id=445160')).status).toBe(400);
    expect((await form('cpm_trans_id=1&cpm_trans_id=2&cpm_site_id=445160')).status).toBe(400);
    expect((await form('cpm_trans_id=%E9%&cpm_site_id=445160')).status).toBe(400);
    const json = await worker('/notify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const big = await form(`cpm_trans_id=1&x=${'a'.repeat(20_000)}`);
    expect(big.status).toBe(413);
  });
});
