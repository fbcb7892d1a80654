import { describe, expect, it } from 'vitest';
import { decodeCheckout, decodeError, decodeOrder, decodeProductPrice, decodeProducts } from '../../../shared/api/decode';

const PRODUCT = { id: 'tshirt-m', amount: 5000, currency: 'CFA', designation: 'T-shirt (M)' };
const ORDER = {
  transId: '1795936050531621598',
  status: 'ACCEPTED',
  amount: 5000,
  currency: 'CFA',
  designation: 'T-shirt (M)',
  lang: 'en',
  paidAt: '2026-11-29T07:00:00.000Z',
  paymentMethod: 'OM',
  resultCode: '00',
  message: { title: 'Payment confirmed', detail: 'Thank you!', reference: 'Reference: 1795936050531621598' },
};

describe('decodeCheckout: the form the widget posts (v1), or the page it opens (v2)', () => {
  const answer = { transId: '1', action: 'https://checkout.example/', method: 'POST', fields: { cpm_amount: '100' } };
  const page = { transId: '2', action: 'https://checkout.example/payment/abc', method: 'GET' };

  it('keeps the id, the action and every field', () => {
    expect(decodeCheckout(answer)).toEqual({ transId: '1', method: 'POST', action: 'https://checkout.example/', fields: { cpm_amount: '100' } });
  });

  it("keeps v2's payment_url and nothing else", () => {
    expect(decodeCheckout(page)).toEqual(page);
  });

  it.each([
    ['a GET with fields (a v2 answer carries none)', { ...answer, method: 'GET' }],
    ['another method', { ...answer, method: 'PUT' }],
    ['a GET without an action', { ...page, action: undefined }],
    ['a field that is not a string', { ...answer, fields: { cpm_amount: 100 } }],
    ['no fields', { ...answer, fields: undefined }],
    ['a number as id', { ...answer, transId: 1 }],
  ])('refuses %s', (_, body) => {
    expect(decodeCheckout(body)).toBeUndefined();
  });
});

describe('decodeProducts: the catalog, whether the payer must be named, and the open amount', () => {
  it('reads the products, customerRequired, and the open amount with its designations when present', () => {
    expect(decodeProducts({ products: [PRODUCT], customerRequired: false })).toEqual({ products: [PRODUCT], customerRequired: false });
    const openAmount = { min: 100, max: 1_000_000, label: 'Don : ', designations: ['Don : école'] };
    expect(decodeProducts({ products: [], customerRequired: true, openAmount })).toEqual({ products: [], customerRequired: true, openAmount });
  });

  it.each([
    ['a product without a currency', { products: [{ ...PRODUCT, currency: 'EUR' }], customerRequired: false }],
    ['an open amount without bounds', { products: [], customerRequired: false, openAmount: { label: 'Don : ' } }],
    ['designations that are not texts', { products: [], customerRequired: false, openAmount: { min: 100, max: 200, label: 'Don : ', designations: [1] } }],
    ['no product list', { customerRequired: false, openAmount: { min: 100, max: 200, label: 'Don : ' } }],
    ['no customerRequired', { products: [PRODUCT] }],
    ['a customerRequired that is not a boolean', { products: [PRODUCT], customerRequired: 'yes' }],
  ])('refuses %s', (_, body) => {
    expect(decodeProducts(body)).toBeUndefined();
  });
});

describe('decodeOrder: what a thank-you page shows', () => {
  it('reads every field', () => {
    expect(decodeOrder(ORDER)).toEqual(ORDER);
  });

  it('reads a missing language as French and missing nullable fields as null', () => {
    const { lang: _lang, paidAt: _paidAt, paymentMethod: _method, resultCode: _code, ...rest } = ORDER;
    expect(decodeOrder(rest)).toEqual({ ...rest, lang: 'fr', paidAt: null, paymentMethod: null, resultCode: null });
  });

  it.each([
    ['an unknown status', { ...ORDER, status: 'PAID' }],
    ['an amount as text', { ...ORDER, amount: '5000' }],
    ['a paidAt that is a number', { ...ORDER, paidAt: 1 }],
    ['no message', { ...ORDER, message: undefined }],
    ['a message without its reference', { ...ORDER, message: { title: 'Payment confirmed', detail: 'Thank you!' } }],
  ])('refuses %s', (_, body) => {
    expect(decodeOrder(body)).toBeUndefined();
  });
});

describe('decodeError: our error body', () => {
  it('keeps any well-formed code, with its message when it has one', () => {
    expect(decodeError({ error: { code: 'UNKNOWN_PRODUCT', message: 'No product "x"' } })).toEqual({ code: 'UNKNOWN_PRODUCT', message: 'No product "x"' });
    expect(decodeError({ error: { code: 'CINETPAY_609_AUTH_NOT_FOUND' } })).toEqual({ code: 'CINETPAY_609_AUTH_NOT_FOUND' });
  });

  it('keeps the customer message when it is text', () => {
    expect(decodeError({ error: { code: 'UNKNOWN_PRODUCT', message: 'x', customerMessage: 'Ce produit n’est plus disponible.' } })).toEqual({
      code: 'UNKNOWN_PRODUCT',
      message: 'x',
      customerMessage: 'Ce produit n’est plus disponible.',
    });
    expect(decodeError({ error: { code: 'UNKNOWN_PRODUCT', customerMessage: 42 } })).toEqual({ code: 'UNKNOWN_PRODUCT' });
  });

  it.each([undefined, '<html>', { error: 'oops' }, { error: { code: 'not a code' } }, { error: { code: 'A'.repeat(81) } }])('refuses %j', (body) => {
    expect(decodeError(body)).toBeUndefined();
  });
});

describe('decodeProductPrice: the one price a button needs', () => {
  const body = { products: [{ id: 'tshirt-m', amount: 5000, currency: 'CFA', designation: 'T-shirt (M)' }] };

  it('finds the product by id', () => {
    expect(decodeProductPrice(body, 'tshirt-m')).toEqual({ amount: 5000, currency: 'CFA' });
  });

  it.each([
    ['an unknown id', body, 'casquette'],
    ['a product with an amount as text', { products: [{ ...body.products[0], amount: '5000' }] }, 'tshirt-m'],
    ['no products list', { items: [] }, 'tshirt-m'],
    ['not an object', '<html>', 'tshirt-m'],
  ])('is undefined for %s', (_, answer, id) => {
    expect(decodeProductPrice(answer, id)).toBeUndefined();
  });
});
