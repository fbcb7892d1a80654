/**
 * The Worker's log, as `wrangler tail` and Logpush would carry it: every line
 * it writes, on the paths that log (a paid order and its deliveries, a refused
 * notification, a refused sign-in, a checkout CinetPay fails), is one JSON
 * object named by `event`, and none holds a secret or the payer's phone.
 */

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../support/capture-logs';
import { everyChannelDelivered } from './notice-support';
import { armFault, checkout, notificationBody, paidOrder, resetSandbox, WORKER, worker } from './support';

beforeEach(resetSandbox);

const logs = captureLogs();

const PAYER_PHONE = '0707070707';

/** The values no log line may hold: every secret of the sandbox environment, and what a caller sent as one. */
function secrets(wrongToken: string): string[] {
  const set = [env.CINETPAY_APIKEY, env.ADMIN_TOKEN, env.WEBHOOK_SECRET, env.DOWNLOAD_SECRET, env.TELEGRAM_BOT_TOKEN];
  expect(set.every((secret) => typeof secret === 'string' && secret !== '')).toBe(true);
  return [...set.filter((secret): secret is string => typeof secret === 'string'), wrongToken, PAYER_PHONE];
}

function parsed(line: string): { event?: unknown } {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

describe('the log', () => {
  it('is one JSON object per line, named by event, with no secret and no payer phone', async () => {
    const paid = await paidOrder('success', { product: 'tshirt-m', phone: PAYER_PHONE, phonePrefix: '225' });
    await everyChannelDelivered(paid.transId);
    const foreign = await worker('/notify', notificationBody({ cpm_trans_id: paid.transId, cpm_site_id: '111111' }));
    expect(foreign.status).toBe(403);
    const wrongToken = 'not-the-admin-token-0123456789';
    const refused = await worker('/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: WORKER, 'cf-connecting-ip': '198.51.100.7' },
      body: JSON.stringify({ token: wrongToken }),
    });
    expect(refused.status).toBe(401);
    await armFault({ method: 'getSignatureByPost', fault: 'http_500', count: 1 });
    const failed = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'casquette' }),
    });
    expect(failed.status).toBe(502);
    await checkout({ product: 'casquette' });

    const lines = logs().split('\n');
    const events = lines.map((line) => parsed(line).event);
    expect(lines.filter((_line, index) => typeof events[index] !== 'string')).toEqual([]);
    expect(new Set(events)).toEqual(new Set(['transition', 'delivery', 'notify_refused', 'admin_signin_refused', 'checkout_failed']));
    for (const secret of secrets(wrongToken)) expect(logs()).not.toContain(secret);
  });
});
