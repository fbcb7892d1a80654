/**
 * The customer's words come from the Worker: every error answer carries
 * `customerMessage` and the public order carries `message`, in the language
 * the request's `Accept-Language` asks for (the widget sends its own `lang`
 * there), French when it names none of ours.
 */

import { describe, expect, it } from 'vitest';
import { decodeError } from '../../shared/api/decode';
import { requestLanguage } from '../../worker/src/request-language';
import { checkout, paidOrder, pay, postHostedForm, postJson, publicOrder, worker } from './support';

function withLanguage(header: string | undefined): Request {
  return new Request('http://127.0.0.1/', header === undefined ? {} : { headers: { 'accept-language': header } });
}

describe('requestLanguage', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['fr-CI', 'fr'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de, fr;q=0.1, en;q=0.5', 'en'],
    ['de,es', 'fr'],
    ['en;q=0, fr;q=0.2', 'fr'],
    ['en;q=0', 'fr'],
    ['fr;q=0.5, en', 'en'],
  ] as const)('%j reads %s', (header, language) => {
    expect(requestLanguage(withLanguage(header))).toBe(language);
  });
});

describe('error answers carry the customer message', () => {
  it('in French by default, in English when asked, beside the unchanged code and developer message', async () => {
    const french = decodeError(await (await postJson('/api/checkout', { product: 'no-such-product' })).json());
    const english = decodeError(await (await postJson('/api/checkout', { product: 'no-such-product' }, { 'accept-language': 'en' })).json());
    expect(french?.code).toBe('UNKNOWN_PRODUCT');
    expect(french?.customerMessage).toBe('Ce produit n’est plus disponible.');
    expect(english?.customerMessage).toBe('This product is no longer available.');
    expect(english?.message).toBe(french?.message);
  });

  it('on a route the router answers itself (404), in the browser preference order', async () => {
    const response = await worker('/api/nothing-here', { headers: { 'accept-language': 'de-DE, en;q=0.8, fr;q=0.5' } });
    expect(response.status).toBe(404);
    expect(decodeError(await response.json())?.customerMessage).toBe('The payment request is invalid. Please contact the shop.');
  });

  it('for an unknown order, polled by the return page', async () => {
    const response = await worker('/api/orders/NOSUCHORDER0001', { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(404);
    expect(decodeError(await response.json())).toMatchObject({ code: 'ORDER_NOT_FOUND', customerMessage: 'Order not found.' });
  });
});

describe('GET /api/orders/:transId carries the words of the return page', () => {
  it('a paid order: confirmed, in the language asked for, with its reference', async () => {
    const { transId } = await paidOrder();
    const french = await publicOrder(transId);
    expect(french.status).toBe('ACCEPTED');
    expect(french.message).toEqual({
      title: 'Paiement confirmé',
      detail: 'Merci ! Votre paiement a été vérifié auprès de CinetPay.',
      reference: `Référence : ${transId}`,
    });
    const english = await (await worker(`/api/orders/${transId}`, { headers: { 'accept-language': 'en' } })).json();
    expect(english).toMatchObject({ message: { title: 'Payment confirmed', reference: `Reference: ${transId}` } });
  });

  it('a pending order asks the customer to confirm on their phone', async () => {
    const { transId } = await checkout();
    expect((await publicOrder(transId)).message.title).toBe('Paiement en attente de confirmation');
  });

  it("a refusal starts with CinetPay's reason (Annexe I, 604 OTP_CODE_ERROR)", async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'otp_error');
    const order = await publicOrder(started.transId);
    expect(order.status).toBe('REFUSED');
    expect(order.message.detail).toBe('Le code de confirmation (OTP) est incorrect. Le paiement n’a pas abouti. Vous pouvez réessayer depuis la boutique.');
  });
});
