import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import workerModule from '../../worker/src/index';
import {
  ADMIN_TOKEN,
  APIKEY,
  admin,
  armFault,
  eventually,
  notificationBody,
  paidOrder,
  postJson,
  resetSandbox,
  WEBHOOK_SECRET,
  webhookDeliveries,
  worker,
} from './support';

/** Every line the Worker logs during a test. */
let logged: string[] = [];

beforeEach(async () => {
  await resetSandbox();
  logged = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The paid-order notices' secrets: the bot token and the incoming-webhook URLs (the sandbox's stand-ins). */
const NOTICE_SECRETS = [env.TELEGRAM_BOT_TOKEN, env.SLACK_WEBHOOK_URL, env.DISCORD_WEBHOOK_URL].filter((value): value is string => value !== undefined);
const SECRETS = [APIKEY, ADMIN_TOKEN, WEBHOOK_SECRET, ...NOTICE_SECRETS];

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('no response and no log line holds a secret', () => {
  it('across a paid order, errors of every kind, admin answers and upstream faults', async () => {
    const bodies: string[] = [];
    const record = async (response: Response) => {
      bodies.push(`${[...response.headers].join(' ')} ${await response.text()}`);
    };
    const started = await paidOrder('success');
    await eventually(async () => ((await webhookDeliveries(started.transId)).length > 0 ? true : undefined));
    await record(await worker(`/api/orders/${started.transId}`));
    await record(await worker(`/return?trans_id=${started.transId}`, { redirect: 'manual' }));
    await record(await admin(`/admin/orders/${started.transId}`));
    await record(await admin('/admin/orders'));
    await record(await admin('/admin/balance'));
    await record(await admin('/admin/transactions'));
    await record(await worker('/admin/orders', { headers: { authorization: 'Bearer nope-nope-nope-nope' } }));
    await record(await postJson('/api/checkout', { amount: 3, designation: 'x' }));
    await record(await postJson('/api/checkout', '{oops'));
    await record(await worker('/notify', notificationBody({ cpm_trans_id: started.transId, cpm_site_id: '999' })));
    await armFault({ method: 'getSignatureByPost', fault: 'garbage', count: 1 });
    await record(await postJson('/api/checkout', { product: 'tshirt-m' }));
    await armFault({ method: 'getCompteStatus', fault: 'http_500', count: 1 });
    await record(await admin('/admin/balance'));
    await record(await worker('/healthz'));
    const wrongKey = await workerModule.fetch(
      new Request('http://127.0.0.1:8787/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"product":"tshirt-m"}' }),
      { ...env, CINETPAY_APIKEY: 'a-wrong-apikey-for-this-site' },
    );
    await record(wrongKey);
    const misconfigured = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), {
      ...env,
      CINETPAY_SITE_ID: 'REPLACE_WITH_YOUR_SITE_ID',
      ADMIN_TOKEN: 'short',
    });
    await record(misconfigured);
    expect(bodies).toHaveLength(15);
    for (const body of bodies) expectNoSecret(body);
    expect(logged.length).toBeGreaterThanOrEqual(3);
    for (const line of logged) expectNoSecret(line);
    expect(bodies.join('\n')).not.toContain('a-wrong-apikey-for-this-site');
    expect(logged.join('\n')).not.toContain('a-wrong-apikey-for-this-site');
  });

  it('except the apikey inside the checkout form fields, which CinetPay v1 requires', async () => {
    const response = await postJson('/api/checkout', { product: 'tshirt-m' });
    const body = await response.json<{ fields: Record<string, string> }>();
    expect(body.fields['apikey']).toBe(APIKEY);
    const { apikey: _apikey, ...others } = body.fields;
    expectNoSecret(JSON.stringify(others));
    for (const line of logged) expectNoSecret(line);
  });
});

describe('a misconfigured Worker names the settings, never their values', () => {
  it('answers 503 CONFIGURATION_ERROR on every route and lists the problems on /healthz', async () => {
    const broken = {
      ...env,
      CINETPAY_SITE_ID: 'REPLACE_WITH_YOUR_SITE_ID',
      ADMIN_TOKEN: 'short',
      CINETPAY_API_URL: 'not a url',
      OPEN_AMOUNT: { enabled: true, min: 1, max: 0 },
    };
    const checkout = await workerModule.fetch(new Request('http://127.0.0.1:8787/api/checkout', { method: 'POST' }), broken);
    expect(checkout.status).toBe(503);
    const body = await checkout.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('CONFIGURATION_ERROR');
    expect(body.error.message).toContain('CINETPAY_SITE_ID');
    const health = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), broken);
    expect(health.status).toBe(503);
    const report = await health.json<{ problems: { setting: string; problem: string }[] }>();
    expect(report.problems.map((problem) => problem.setting).sort()).toEqual(['ADMIN_TOKEN', 'CINETPAY_API_URL', 'CINETPAY_SITE_ID', 'OPEN_AMOUNT']);
    const text = JSON.stringify(report);
    for (const value of ['REPLACE_WITH_YOUR_SITE_ID', 'short', 'not a url']) expect(text).not.toContain(`"${value}"`);
  });

  it('reports a catalog product with a bad price by its name', async () => {
    const broken = { ...env, CATALOG: { 'tshirt-m': { amount: 4.5, currency: 'CFA', designation: 'T-shirt' }, ok: { amount: 10, designation: 'Ok' } } };
    const health = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), broken);
    const report = await health.json<{ problems: { setting: string; problem: string }[] }>();
    expect(report.problems).toEqual([{ setting: 'CATALOG.tshirt-m.amount', problem: 'must be an integer >= 5' }]);
  });

  it('reports a bad English designation by its name', async () => {
    const broken = { ...env, CATALOG: { cap: { amount: 2500, designation: 'Casquette', designation_en: 7 } } };
    const health = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), broken);
    const report = await health.json<{ problems: { setting: string }[] }>();
    expect(report.problems.map((problem) => problem.setting)).toEqual(['CATALOG.cap.designation_en']);
  });
});

describe('rate limiting', () => {
  it('answers 429 RATE_LIMITED once a client passes the per-minute limit, and only that client', async () => {
    const statuses: number[] = [];
    // The limit (60 a minute) counts in fixed windows: a run that crosses a minute boundary needs up to twice as many to reach it.
    for (let i = 0; i < 125; i++) {
      const response = await postJson('/api/checkout', { product: 'ebook-attieke' }, { 'cf-connecting-ip': '203.0.113.9' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(50);
    const other = await postJson('/api/checkout', { product: 'ebook-attieke' }, { 'cf-connecting-ip': '203.0.113.10' });
    expect(other.status).toBe(200);
  });
});
