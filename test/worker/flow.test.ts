import { beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../worker/src/standard-webhooks';
import {
  checkout,
  eventually,
  paidOrder,
  pay,
  postHostedForm,
  publicOrder,
  resetSandbox,
  snapshot,
  WEBHOOK_SECRET,
  webhookDeliveries,
  worker,
} from './support';

beforeEach(resetSandbox);

describe('the whole flow, Worker against the real sandbox', () => {
  it('checkout -> hosted form -> success -> notification -> ACCEPTED -> one signed order.paid delivered', async () => {
    const started = await checkout({ product: 'tshirt-m', custom: 'commande-42' });
    expect(started.method).toBe('POST');
    expect(started.action).toBe('http://127.0.0.1:8788/');
    expect(started.fields).toMatchObject({
      cpm_amount: '5000',
      cpm_currency: 'CFA',
      cpm_site_id: '445160',
      cpm_trans_id: started.transId,
      cpm_payment_config: 'SINGLE',
      cpm_page_action: 'PAYMENT',
      cpm_version: 'V1',
      cpm_language: 'fr',
      cpm_designation: 'T-shirt CinetPay (M)',
      cpm_custom: 'commande-42',
      cpm_return_mode: 'POST',
      notify_url: 'http://127.0.0.1:8787/notify',
      return_url: `http://127.0.0.1:8787/return?trans_id=${started.transId}`,
      cancel_url: `http://127.0.0.1:8787/cancel?trans_id=${started.transId}`,
    });
    expect(started.fields.cpm_trans_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(started.fields.signature).toMatch(/^[0-9a-f]{40}$/);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');

    const page = await postHostedForm(started);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('T-shirt CinetPay (M)');
    await pay(started.transId, 'success');

    const order = await publicOrder(started.transId);
    expect(order).toMatchObject({ transId: started.transId, status: 'ACCEPTED', amount: 5000, currency: 'CFA', paymentMethod: 'OM', resultCode: '00' });
    expect(order.paidAt).not.toBeNull();
    expect(Object.keys(order)).not.toContain('signature');

    const [delivery, ...others] = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(others).toEqual([]);
    if (!delivery) throw new Error('no delivery');
    expect(delivery.headers['webhook-id']).toBe(`msg_${started.transId}_paid`);
    const valid = await verifyWebhook(WEBHOOK_SECRET, new Headers(delivery.headers), delivery.body, Math.floor(Date.now() / 1000));
    expect(valid).toBe(true);
    const anotherSecret = `whsec_${btoa('another secret, 24+ bytes long')}`;
    expect(await verifyWebhook(anotherSecret, new Headers(delivery.headers), delivery.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'order.paid',
      data: { transId: started.transId, amount: 5000, currency: 'CFA', custom: 'commande-42', paymentMethod: 'OM' },
    });

    const history = await snapshot(started.transId);
    expect(history.transitions.map((transition) => [transition.from, transition.to, transition.source])).toEqual([
      [null, 'PENDING', 'checkout'],
      ['PENDING', 'ACCEPTED', 'notify'],
    ]);
    expect(history.notifications).toHaveLength(1);
    expect(history.notifications[0]?.outcome).toBe('paid');
    expect(history.deliveries.filter((delivery) => delivery.channel === 'webhook')).toMatchObject([
      { webhookId: `msg_${started.transId}_paid`, lastStatus: 200 },
    ]);
  });

  it('a product bought in English reaches CinetPay, the order and order.paid under its English designation', async () => {
    const english = await checkout({ product: 'casquette', lang: 'en' });
    expect(english.fields).toMatchObject({ cpm_designation: 'Embroidered cap', cpm_language: 'en', cpm_amount: '2500' });
    const page = await (await postHostedForm(english)).text();
    expect(page).toContain('Embroidered cap');
    expect(page).toContain('2,500 F CFA');
    await pay(english.transId, 'success');
    expect(await publicOrder(english.transId)).toMatchObject({ status: 'ACCEPTED', designation: 'Embroidered cap', lang: 'en' });
    const [delivery] = await eventually(async () => {
      const deliveries = await webhookDeliveries(english.transId);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ data: { productId: 'casquette', designation: 'Embroidered cap' } });

    const french = await checkout({ product: 'casquette' });
    expect(french.fields).toMatchObject({ cpm_designation: 'Casquette brodée', cpm_language: 'fr' });
    expect(await (await postHostedForm(french)).text()).toContain('2 500 F CFA');
  });

  it("an open amount with a designation full of specials is signed and accepted as sent, after the merchant's label", async () => {
    const designation = `Don : ${'« Café & thé = 5 000 F » 100% +solidaire'}`;
    const started = await checkout({ amount: 1234, designation: '« Café & thé = 5 000 F » 100% +solidaire', lang: 'en' });
    expect(started.fields.cpm_designation).toBe(designation);
    expect(started.fields.cpm_language).toBe('en');
    expect((await postHostedForm(started)).status).toBe(200);
    await pay(started.transId, 'success', 1, 'MOMO');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'ACCEPTED', amount: 1234, designation, lang: 'en', paymentMethod: 'MOMO' });
    const back = await worker(`/return?trans_id=${started.transId}`, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`http://127.0.0.1:8787/success.html?trans_id=${started.transId}&status=ACCEPTED&lang=en`);
  });

  it("locks the payer's number: cel_phone_num and the form's cpm_phone_prefixe", async () => {
    const started = await checkout({ product: 'casquette', phone: '07070707', phonePrefix: '225' });
    expect(started.fields).toMatchObject({ cel_phone_num: '07070707', cpm_phone_prefixe: '225' });
    expect(Object.keys(started.fields)).not.toContain('cpm_phone_prefix');
    expect((await postHostedForm(started)).status).toBe(200);
    await pay(started.transId);
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    expect(JSON.stringify(await publicOrder(started.transId))).not.toContain('07070707');
  });

  it('a wrong OTP (604) refuses the order and fulfils nothing', async () => {
    const started = await paidOrder('otp_error');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'REFUSED', resultCode: '604' });
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('an insufficient balance (602) refuses the order', async () => {
    const started = await paidOrder('insufficient_balance');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'REFUSED', resultCode: '602' });
  });

  it('a cancel (627) cancels the order', async () => {
    const started = await paidOrder('cancel');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'CANCELLED', resultCode: '627' });
  });

  it('a customer still validating (623) stays PENDING, and the later success is accepted once', async () => {
    const started = await paidOrder('pending');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'PENDING', resultCode: '623' });
    await pay(started.transId, 'success');
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    const history = await snapshot(started.transId);
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    expect(history.notifications.map((notification) => notification.outcome)).toEqual(['pending 623', 'paid']);
    await eventually(async () => ((await webhookDeliveries(started.transId)).length === 1 ? true : undefined));
  });
});

describe('GET|POST /return and /cancel', () => {
  it('sends the customer to the success page with the status, by GET and by POST', async () => {
    const started = await paidOrder('success');
    for (const method of ['GET', 'POST']) {
      const response = await worker(`/return?trans_id=${started.transId}`, {
        method,
        redirect: 'manual',
        ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cpm_trans_id=x&cpm_result=00' } : {}),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`http://127.0.0.1:8787/success.html?trans_id=${started.transId}&status=ACCEPTED&lang=fr`);
    }
  });

  it('re-checks a PENDING order once on return, since the customer often arrives before the notification', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 0);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    const response = await worker(`/return?trans_id=${started.transId}`, { redirect: 'manual' });
    expect(response.headers.get('location')).toContain('/success.html?');
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    expect((await snapshot(started.transId)).transitions.at(-1)).toMatchObject({ to: 'ACCEPTED', source: 'return' });
  });

  it('sends refused orders to the failure page and cancelled ones to the cancel page', async () => {
    const refused = await paidOrder('otp_error');
    const toFailure = await worker(`/return?trans_id=${refused.transId}`, { redirect: 'manual' });
    expect(toFailure.headers.get('location')).toBe(`http://127.0.0.1:8787/failure.html?trans_id=${refused.transId}&status=REFUSED&lang=fr`);
    const cancelled = await paidOrder('cancel');
    const toCancel = await worker(`/cancel?trans_id=${cancelled.transId}`, { method: 'POST', redirect: 'manual' });
    expect(toCancel.headers.get('location')).toBe(`http://127.0.0.1:8787/cancelled.html?trans_id=${cancelled.transId}&status=CANCELLED&lang=fr`);
  });

  it('sends an unknown transaction to the failure page as NOT_FOUND, and refuses a malformed one', async () => {
    const unknown = await worker('/return?trans_id=1234567890', { redirect: 'manual' });
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get('location')).toBe('http://127.0.0.1:8787/failure.html?trans_id=1234567890&status=NOT_FOUND');
    const malformed = await worker('/return?trans_id=%3Cscript%3E', { redirect: 'manual' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'INVALID_TRANS_ID' } });
  });
});
