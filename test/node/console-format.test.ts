/**
 * How the console writes money: amounts grouped with U+202F in French and
 * commas in English, and CinetPay's balances, decimal strings with fractions
 * of a franc, written the same way with the language's decimal mark.
 */

import { describe, expect, it } from 'vitest';
import { formatAmount, formatBalance } from '../../console/src/format';

const S = '\u202f';

describe('formatAmount', () => {
  it('groups thousands as each language writes them', () => {
    expect(formatAmount(1_234_567, 'CFA', 'fr')).toBe(`1${S}234${S}567${S}F${S}CFA`);
    expect(formatAmount(1_234_567, 'CFA', 'en')).toBe(`1,234,567${S}F${S}CFA`);
  });
});

describe('formatBalance', () => {
  it.each([
    ['865.4', 'fr', `865,4${S}F${S}CFA`],
    ['865.4', 'en', `865.4${S}F${S}CFA`],
    ['12000', 'fr', `12${S}000${S}F${S}CFA`],
    ['1234567.25', 'en', `1,234,567.25${S}F${S}CFA`],
    ['-33.6', 'fr', `-33,6${S}F${S}CFA`],
    ['0', 'en', `0${S}F${S}CFA`],
  ] as const)('%s in %s: %s', (solde, lang, shown) => {
    expect(formatBalance(solde, lang)).toBe(shown);
  });

  it('shows anything that is not a decimal number as received', () => {
    expect(formatBalance('n/a', 'fr')).toBe('n/a');
    expect(formatBalance('', 'en')).toBe('');
  });
});
