/**
 * WEBHOOK_SECRET is a Standard Webhooks secret (`whsec_<base64>`), so that a
 * receiver built on any Standard Webhooks library accepts our `order.paid`
 * deliveries. The proof uses the official `standardwebhooks` package, an
 * implementation we did not write, on deliveries the real sandbox received.
 */

import { env } from 'cloudflare:workers';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ConfigProblem, readConfig } from '../../worker/src/config';
import workerModule from '../../worker/src/index';
import { decodeWebhookSecret, signWebhook, verifyWebhook } from '../../worker/src/standard-webhooks';
import { eventually, paidOrder, resetSandbox, WEBHOOK_SECRET, type WebhookDelivery, webhookDeliveries } from './support';

/** `whsec_` and the base64 of `bytes` bytes: what the README's generator prints, made reproducible. */
function whsec(bytes: number, fill = 7): string {
  return `whsec_${btoa(String.fromCharCode(...new Uint8Array(bytes).fill(fill)))}`;
}

async function paidDelivery(): Promise<WebhookDelivery> {
  const started = await paidOrder('success');
  const deliveries = await eventually(async () => {
    const found = await webhookDeliveries(started.transId);
    return found.length > 0 ? found : undefined;
  });
  const [delivery] = deliveries;
  if (!delivery) throw new Error('no delivery');
  return delivery;
}

function problemsWith(settings: Partial<Record<keyof Env, unknown>>): readonly ConfigProblem[] {
  const result = readConfig({ ...env, ...settings } as Env);
  return result.ok ? [] : result.error;
}

function webhookSecretProblem(settings: Partial<Record<keyof Env, unknown>>): string | undefined {
  return problemsWith(settings).find((problem) => problem.setting === 'WEBHOOK_SECRET')?.problem;
}

describe('order.paid deliveries, verified by the official standardwebhooks package', () => {
  beforeEach(resetSandbox);

  it('verifies a real delivery recorded by the sandbox, and returns its event', async () => {
    const delivery = await paidDelivery();
    expect(WEBHOOK_SECRET).toMatch(/^whsec_/);
    const event = new Webhook(WEBHOOK_SECRET).verify(delivery.body, delivery.headers);
    expect(event).toMatchObject({ type: 'order.paid', data: { amount: 5000, currency: 'CFA' } });
    expect(event).toStrictEqual(JSON.parse(delivery.body));
  });

  it('rejects the same delivery with a tampered body', async () => {
    const delivery = await paidDelivery();
    const tampered = delivery.body.replace('"amount":5000', '"amount":50000');
    expect(tampered).not.toBe(delivery.body);
    expect(() => new Webhook(WEBHOOK_SECRET).verify(tampered, delivery.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(WEBHOOK_SECRET).verify(`${delivery.body} `, delivery.headers)).toThrow('No matching signature found');
  });

  it('rejects it under a wrong secret, and under the right secret used as raw text', async () => {
    const delivery = await paidDelivery();
    expect(() => new Webhook(whsec(32)).verify(delivery.body, delivery.headers)).toThrow(WebhookVerificationError);
    // The key is the decoded bytes, not the text of the secret: the bug this format fixes.
    expect(() => new Webhook(WEBHOOK_SECRET, { format: 'raw' }).verify(delivery.body, delivery.headers)).toThrow(WebhookVerificationError);
  });

  it('agrees with our own verifyWebhook, and a package-signed message verifies with ours', async () => {
    const delivery = await paidDelivery();
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyWebhook(WEBHOOK_SECRET, new Headers(delivery.headers), delivery.body, now)).toBe(true);
    const signature = new Webhook(WEBHOOK_SECRET).sign('msg_1', new Date(now * 1000), '{"a":1}');
    const headers = new Headers({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': signature });
    expect(await verifyWebhook(WEBHOOK_SECRET, headers, '{"a":1}', now)).toBe(true);
    expect(await signWebhook(WEBHOOK_SECRET, 'msg_1', now, '{"a":1}')).toStrictEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now),
      'webhook-signature': signature,
    });
  });
});

describe('signWebhook and verifyWebhook refuse a secret that is not whsec_<base64>', () => {
  it.each([
    ['a plain string', 'a-plain-string-of-32-characters!'],
    ['too few bytes', whsec(23)],
    ['not base64', 'whsec_not*base64*at*all*not*base64*at*all'],
  ])('%s throws a TypeError that does not quote the secret', async (_case, secret) => {
    const error = await signWebhook(secret, 'msg_1', 1_700_000_000, '{}').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toContain('whsec_');
    expect(String(error)).not.toContain(secret);
    const headers = new Headers({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,x' });
    await expect(verifyWebhook(secret, headers, '{}', 1_700_000_000)).rejects.toThrow(TypeError);
  });
});

describe('decodeWebhookSecret: whsec_ and the base64 of at least 24 bytes', () => {
  it('decodes the key bytes, from 24 bytes on', () => {
    expect(decodeWebhookSecret(whsec(24, 1))).toStrictEqual({ ok: true, key: new Uint8Array(24).fill(1) });
    expect(decodeWebhookSecret(whsec(32))).toMatchObject({ ok: true });
    expect(decodeWebhookSecret(whsec(64))).toMatchObject({ ok: true });
  });

  it.each([
    ['no prefix', btoa('x'.repeat(32)), 'missing_prefix'],
    ['a plain string', 'sandbox-webhook-secret', 'missing_prefix'],
    ['a capitalized prefix', `WHSEC_${btoa('x'.repeat(32))}`, 'missing_prefix'],
    ['the prefix alone', 'whsec_', 'not_base64'],
    ['characters outside base64', `whsec_${btoa('x'.repeat(32)).replace(/^.../, '*!*')}`, 'not_base64'],
    ['the URL-safe alphabet', `whsec_${'-_'.repeat(22)}`, 'not_base64'],
    ['missing padding', `whsec_${btoa('x'.repeat(32)).replace(/=+$/, '')}`, 'not_base64'],
    ['a space inside', `whsec_${btoa('x'.repeat(15))} ${btoa('x'.repeat(15))}`, 'not_base64'],
    ['23 bytes', whsec(23), 'too_short'],
    ['16 bytes', whsec(16), 'too_short'],
  ])('refuses %s', (_case, secret, problem) => {
    expect(decodeWebhookSecret(secret)).toStrictEqual({ ok: false, problem });
  });
});

describe('WEBHOOK_SECRET in the configuration', () => {
  const url = 'https://api.shop.example.com/hooks/cinetpay';

  it('accepts a valid secret and keeps it as written', () => {
    const secret = whsec(32);
    const result = readConfig({ ...env, FULFILLMENT_WEBHOOK_URL: url, WEBHOOK_SECRET: secret });
    expect(result.ok && result.value.webhookSecret).toBe(secret);
    expect(result.ok && result.value.webhookUrl).toBe(url);
  });

  it.each([
    ['a plain string', 'a-plain-string-of-32-characters!', 'must start with "whsec_"'],
    ['whsec_ with 23 bytes', whsec(23), 'the base64 of at least 24 random bytes'],
    ['whsec_ with non-base64 text', 'whsec_this is not base64, not at all!', 'standard, padded base64'],
    ['nothing', undefined, 'is missing, and FULFILLMENT_WEBHOOK_URL is set'],
    ['an empty string', '', 'is missing, and FULFILLMENT_WEBHOOK_URL is set'],
  ])('refuses %s when FULFILLMENT_WEBHOOK_URL is set, teaching the fix', (_case, secret, expected) => {
    const problem = webhookSecretProblem({ FULFILLMENT_WEBHOOK_URL: url, WEBHOOK_SECRET: secret });
    expect(problem).toContain(expected);
    expect(problem).toContain(`node -e "console.log('whsec_'+require('crypto').randomBytes(32).toString('base64'))"`);
    expect(problem).toContain('wrangler secret put WEBHOOK_SECRET');
    if (secret) expect(problem).not.toContain(secret);
  });

  it('needs no secret when FULFILLMENT_WEBHOOK_URL is empty', () => {
    const { WEBHOOK_SECRET: _unset, ...withoutSecret } = env;
    const result = readConfig({ ...withoutSecret, FULFILLMENT_WEBHOOK_URL: '' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({ webhookUrl: null, webhookSecret: '' });
    expect(problemsWith({ FULFILLMENT_WEBHOOK_URL: '', WEBHOOK_SECRET: 'an old plain-text secret' })).toEqual([]);
  });

  it('keeps a valid secret without a URL, for deliveries queued before the URL was removed', () => {
    const result = readConfig({ ...env, FULFILLMENT_WEBHOOK_URL: '' });
    expect(result.ok && result.value.webhookSecret).toBe(WEBHOOK_SECRET);
  });

  it('is listed by /healthz, by name and never by value, and blocks checkout', async () => {
    const secret = 'sandbox-webhook-secret';
    const broken = { ...env, WEBHOOK_SECRET: secret };
    const health = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), broken);
    expect(health.status).toBe(503);
    const text = await health.text();
    expect(text).not.toContain(secret);
    const report = JSON.parse(text) as { problems: ConfigProblem[] };
    expect(report.problems.map((problem) => problem.setting)).toEqual(['WEBHOOK_SECRET']);
    const checkout = await workerModule.fetch(
      new Request('http://127.0.0.1:8787/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"product":"tshirt-m"}' }),
      broken,
    );
    expect(checkout.status).toBe(503);
    expect(await checkout.json()).toMatchObject({ error: { code: 'CONFIGURATION_ERROR', message: expect.stringContaining('WEBHOOK_SECRET') } });
  });
});
