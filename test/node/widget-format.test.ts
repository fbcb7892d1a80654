/**
 * The widget's pure helpers: how amounts read (`5 000 F CFA`, always with
 * U+202F so that a price never wraps), which language an attribute selects,
 * and how the `endpoint` attribute becomes API URLs.
 */

import { describe, expect, it } from 'vitest';
import { apiUrl } from '../../widget/src/api';
import { formatAmount, NARROW_NBSP, supportedLanguage } from '../../widget/src/format';

const S = NARROW_NBSP;

describe('formatAmount', () => {
  it.each([
    [5, 'fr', `5${S}F${S}CFA`],
    [1_500, 'fr', `1${S}500${S}F${S}CFA`],
    [5_000, 'fr', `5${S}000${S}F${S}CFA`],
    [1_000_000, 'fr', `1${S}000${S}000${S}F${S}CFA`],
    [999, 'en', `999${S}F${S}CFA`],
    [5_000, 'en', `5,000${S}F${S}CFA`],
    [1_000_000, 'en', `1,000,000${S}F${S}CFA`],
  ] as const)('%i in %s reads %j', (amount, lang, expected) => {
    expect(formatAmount(amount, 'CFA', lang)).toBe(expected);
  });

  it('uses U+202F and never a regular or no-break space', () => {
    const text = formatAmount(1_234_567, 'CFA', 'fr');
    expect(text).not.toMatch(/[ \u00a0]/);
    expect(text.split(S)).toEqual(['1', '234', '567', 'F', 'CFA']);
  });
});

describe('supportedLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr-CI', 'fr'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['de', undefined],
    ['', undefined],
    [null, undefined],
  ] as const)('%j -> %j', (tag, expected) => {
    expect(supportedLanguage(tag)).toBe(expected);
  });
});

describe('apiUrl', () => {
  const page = 'https://shop.example.com/boutique/index.html';

  it('joins the Worker origin and the API path', () => {
    expect(apiUrl('https://pay.example.com', 'api/checkout', page)?.href).toBe('https://pay.example.com/api/checkout');
    expect(apiUrl('https://pay.example.com/', 'api/products', page)?.href).toBe('https://pay.example.com/api/products');
  });

  it('keeps a path prefix, for a Worker mounted under one', () => {
    expect(apiUrl('https://example.com/pay', 'api/checkout', page)?.href).toBe('https://example.com/pay/api/checkout');
  });

  it('resolves "/" against the page, for a shop served by the Worker itself', () => {
    expect(apiUrl('/', 'api/orders/T1', page)?.href).toBe('https://shop.example.com/api/orders/T1');
  });

  it.each(['', '   ', 'javascript:alert(1)', 'data:text/plain,x', 'http://[bad'])('refuses %j', (endpoint) => {
    expect(apiUrl(endpoint, 'api/checkout', page)).toBeUndefined();
  });
});
