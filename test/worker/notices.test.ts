import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/api/admin';
import { orderStub } from '../../worker/src/order-object';
import { readEmail } from '../support/read-email';
import { everyChannelDelivered, storedEmail } from './notice-support';
import {
  admin,
  armFault,
  chatMessages,
  checkout,
  deliveryChannels,
  EVERY_CHANNEL,
  paidOrder,
  pay,
  postHostedForm,
  resetSandbox,
  sandbox,
  snapshot,
} from './support';

beforeEach(resetSandbox);

const S = '\u202f';
const CHAT_CHANNELS = ['telegram', 'slack', 'discord'] as const;

/** The text a chat message carries: Telegram's and Slack's `text`, Discord's `content`. */
function chatText(body: string): string {
  const parsed = JSON.parse(body) as { text?: string; content?: string };
  return parsed.text ?? parsed.content ?? '';
}

describe('paid-order notices', () => {
  it('announce a paid order once on each channel, in French, without the payer’s phone by default', async () => {
    const started = await paidOrder('success', { product: 'tshirt-m', phone: '0707070707', phonePrefix: '225' });
    const history = await everyChannelDelivered(started.transId);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
    const payId = history.order.payId ?? '';
    expect(payId).not.toBe('');

    const messages = await chatMessages(started.transId);
    expect(messages.map((message) => message.channel).sort()).toEqual(['discord', 'slack', 'telegram']);
    for (const message of messages) {
      expect(message.status).toBe(message.channel === 'discord' ? 204 : 200);
      const text = chatText(message.body);
      expect(text).toContain('Boutique Démo : nouvelle commande payée');
      expect(text).toContain('Article : T-shirt CinetPay (M)');
      expect(text).toContain(`Montant : 5${S}000${S}F${S}CFA`);
      expect(text).toMatch(/Date : \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} UTC/);
      expect(text).toContain('Moyen de paiement : Orange Money (OM)');
      expect(text).toContain(`Transaction : ${started.transId}`);
      expect(text).toContain(`Référence CinetPay : ${payId}`);
      expect(text).toContain(`Reçu : http://127.0.0.1:8787/receipt/${started.transId}?lang=fr`);
      expect(text).not.toContain('0707070707');
      expect(text).not.toContain('Téléphone');
    }
    const telegram = messages.find((message) => message.channel === 'telegram');
    expect(telegram?.path).toBe(`/bot${env.TELEGRAM_BOT_TOKEN}/sendMessage`);
    expect(JSON.parse(telegram?.body ?? '{}')).toMatchObject({ chat_id: env.TELEGRAM_CHAT_ID });
    const discord = messages.find((message) => message.channel === 'discord');
    expect(JSON.parse(discord?.body ?? '{}')).toMatchObject({ allowed_mentions: { parse: [] } });

    const email = readEmail(await storedEmail(started.transId));
    expect(email.headers.get('to')).toBe(`<${env.NOTICE_EMAIL_TO}>`);
    expect(email.headers.get('from')).toBe(`Boutique Démo <${env.NOTICE_EMAIL_FROM}>`);
    expect(email.headers.get('subject')).toBe(`Paiement reçu : 5${S}000${S}F${S}CFA — T-shirt CinetPay (M)`);
    expect(email.headers.get('message-id')).toBe(`<notice.${started.transId}@example.com>`);
    expect(email.text).toContain(`Montant : 5${S}000${S}F${S}CFA`);
    expect(email.text).toContain(`Transaction : ${started.transId}`);
    expect(email.text).not.toContain('0707070707');
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).toContain('<td style="padding:6px 0;font-weight:bold">Orange Money (OM)</td>');
  });

  it('are sent once per channel however many notifications arrive and however often the alarm runs', async () => {
    const started = await checkout({ product: 'casquette' });
    await postHostedForm(started);
    await pay(started.transId, 'success', 8);
    await everyChannelDelivered(started.transId);
    const stub = orderStub(env, started.transId);
    for (let run = 0; run < 3; run++) await runDurableObjectAlarm(stub);
    await sandbox(`/__sandbox/transactions/${started.transId}/notify`, { method: 'POST', body: JSON.stringify({ count: 5 }) });
    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status).toBe(200);
    for (let run = 0; run < 2; run++) await runDurableObjectAlarm(stub);

    const history = await snapshot(started.transId);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
    for (const delivery of history.deliveries) expect(delivery.attempts, delivery.webhookId).toBe(1);
    const messages = await chatMessages(started.transId);
    expect(messages.map((message) => message.channel).sort()).toEqual(['discord', 'slack', 'telegram']);
  });

  it('retry a receiver that is down, with backoff, until it answers, then stop', async () => {
    for (const target of CHAT_CHANNELS) await armFault({ target, fault: 'http_500', count: 2 });
    const started = await paidOrder('success');
    const history = await everyChannelDelivered(started.transId);

    const messages = await chatMessages(started.transId);
    for (const channel of CHAT_CHANNELS) {
      const received = messages.filter((message) => message.channel === channel);
      expect(
        received.map((message) => message.status),
        channel,
      ).toEqual([503, 503, channel === 'discord' ? 204 : 200]);
      // The same message each time: rendered once, when the order was paid.
      expect(new Set(received.map((message) => message.body)).size).toBe(1);
      const delivery = history.deliveries.find((entry) => entry.channel === channel);
      expect(delivery).toMatchObject({ attempts: 3, lastStatus: channel === 'discord' ? 204 : 200, lastError: null, nextAttemptAt: null });
      const attempts = history.deliveryLog.filter((entry) => entry.channel === channel);
      expect(attempts.map((entry) => [entry.attempt, entry.error])).toEqual([
        [1, 'HTTP 503'],
        [2, 'HTTP 503'],
        [3, null],
      ]);
      // Backoff: the second retry waited about twice as long as the first (WEBHOOK_RETRY_BASE_MS is 100 in these tests).
      const [first, second, third] = attempts.map((entry) => Date.parse(entry.at));
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(100);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(200);
    }
    expect(history.deliveries.find((entry) => entry.channel === 'email')).toMatchObject({ attempts: 1, lastError: null });
  });

  it('show in the order’s timeline, each attempt named by its channel', async () => {
    await armFault({ target: 'slack', fault: 'http_500', count: 1 });
    const started = await paidOrder('success');
    await everyChannelDelivered(started.transId);
    const response = await admin(`/admin/orders/${started.transId}`);
    const { timeline } = await response.json<{ timeline: TimelineEvent[] }>();
    const deliveries = timeline.filter((event) => event.kind === 'delivery');
    expect(deliveries.map((event) => `${event.channel} ${event.attempt} ${event.error ?? 'ok'}`).sort()).toEqual([
      'discord 1 ok',
      'email 1 ok',
      'slack 1 HTTP 503',
      'slack 2 ok',
      'telegram 1 ok',
      'webhook 1 ok',
    ]);
  });

  it('are not sent for an order that is not paid', async () => {
    const started = await paidOrder('otp_error');
    const history = await snapshot(started.transId);
    expect(history.order.status).toBe('REFUSED');
    expect(history.deliveries).toEqual([]);
    expect(await chatMessages(started.transId)).toEqual([]);
  });
});
