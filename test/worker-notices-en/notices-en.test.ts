import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { readEmail } from '../support/read-email';
import { everyChannelDelivered, storedEmail } from '../worker/notice-support';
import { chatMessages, deliveryChannels, paidOrder, resetSandbox } from '../worker/support';

beforeEach(resetSandbox);

const S = '\u202f';

/** Every notice channel; no order.paid webhook, since FULFILLMENT_WEBHOOK_URL is empty. */
const NOTICES = ['discord', 'email', 'slack', 'telegram'];

describe('paid-order notices with NOTICE_LANG=en, NOTICE_PAYER_PHONE=true and no FULFILLMENT_WEBHOOK_URL', () => {
  it('are written in English and show the number the customer paid from', async () => {
    const started = await paidOrder('success', { product: 'tshirt-m', phone: '0707070707', phonePrefix: '225' });
    const history = await everyChannelDelivered(started.transId, NOTICES);
    expect(history.order.payerPhone).toBe('0707070707');
    // Sent by the alarm the payment itself set, within the wait's 10 s: the next scheduled re-check is an hour away.
    expect(deliveryChannels(history)).toEqual(NOTICES);

    const messages = await chatMessages(started.transId);
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      const parsed = JSON.parse(message.body) as { text?: string; content?: string };
      const text = parsed.text ?? parsed.content ?? '';
      expect(text).toContain('Boutique Démo: new paid order');
      expect(text).toContain('Item: T-shirt CinetPay (M)');
      expect(text).toContain(`Amount: 5,000${S}F${S}CFA`);
      expect(text).toMatch(/Date: \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/);
      expect(text).toContain('Payment method: Orange Money (OM)');
      expect(text).toContain(`Transaction: ${started.transId}`);
      expect(text).toContain("Payer's phone: 0707070707");
      expect(text).toContain(`Receipt: http://127.0.0.1:8787/receipt/${started.transId}?lang=en`);
      expect(text).not.toContain('Montant');
    }

    const email = readEmail(await storedEmail(started.transId));
    expect(email.headers.get('to')).toBe(`<${env.NOTICE_EMAIL_TO}>`);
    expect(email.headers.get('subject')).toBe(`Payment received: 5,000${S}F${S}CFA — T-shirt CinetPay (M)`);
    expect(email.text).toContain("Payer's phone: 0707070707");
    expect(email.html).toContain('<html lang="en">');
  });
});
