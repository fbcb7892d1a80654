import { describe, expect, it } from 'vitest';
import {
  API_METHODS,
  API_VERSION,
  CURRENCIES,
  DEFAULT_LANGUAGE,
  HISTORY_FILTERS,
  LANGUAGES,
  NOTIFICATION_FIELDS,
  PAGE_ACTION,
  PAYMENT_CONFIG,
  RETURN_MODES,
  TRANSACTION_FIELDS,
} from '../../../shared/cinetpay/wire';
import { isRecord } from '../../../shared/is-record';
import { GUIDE_HISTORY_3_3_COMPLETED, GUIDE_STATUS_3_2 } from './guide-samples';

function property(value: unknown, key: string): unknown {
  if (!isRecord(value)) throw new Error(`not an object where ${key} was expected`);
  return value[key];
}

function keysOf(value: unknown): string[] {
  if (!isRecord(value)) throw new Error('not an object');
  return Object.keys(value);
}

describe('the fixed values of a single payment (guide 2.2)', () => {
  it('SINGLE, PAYMENT, V1', () => {
    expect(PAYMENT_CONFIG).toBe('SINGLE');
    expect(PAGE_ACTION).toBe('PAYMENT');
    expect(API_VERSION).toBe('V1');
  });

  it('French by default, English as the other language; CFA the only currency', () => {
    expect(DEFAULT_LANGUAGE).toBe('fr');
    expect(LANGUAGES).toStrictEqual(['fr', 'en']);
    expect(CURRENCIES).toStrictEqual(['CFA']);
  });

  it('the return modes of section 4', () => {
    expect(RETURN_MODES).toStrictEqual(['GET', 'POST', 'NONE']);
  });

  it('the four API methods the guide calls', () => {
    expect(API_METHODS).toStrictEqual(['getSignatureByPost', 'checkPayStatus', 'getTransHistory', 'getCompteStatus']);
  });
});

describe("field lists match the guide's tables and samples", () => {
  it('NOTIFICATION_FIELDS is the table of 3.2, in order, with the "prefixe" spelling', () => {
    expect(NOTIFICATION_FIELDS).toStrictEqual([
      'cpm_trans_id',
      'cpm_amount',
      'cpm_currency',
      'cpm_site_id',
      'cpm_language',
      'cpm_version',
      'cpm_payment_config',
      'cpm_page_action',
      'cpm_custom',
      'payment_method',
      'signature',
      'cel_phone_num',
      'cpm_phone_prefixe',
    ]);
  });

  it("TRANSACTION_FIELDS are the keys of each 3.3 history row, in the guide's order", () => {
    const rows = property(property(JSON.parse(GUIDE_HISTORY_3_3_COMPLETED) as unknown, 'Transactions'), 'transaction');
    if (!Array.isArray(rows)) throw new Error('the 3.3 sample has no list');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(keysOf(row)).toStrictEqual([...TRANSACTION_FIELDS]);
  });

  it('TRANSACTION_FIELDS plus cpm_trans_date are the keys of the 3.2 status sample', () => {
    const keys = keysOf(property(JSON.parse(GUIDE_STATUS_3_2) as unknown, 'transaction'));
    expect([...keys].sort()).toStrictEqual([...TRANSACTION_FIELDS, 'cpm_trans_date'].sort());
    expect(TRANSACTION_FIELDS).not.toContain('cpm_trans_date');
  });

  it('HISTORY_FILTERS are the optional parameters of 3.3, in order', () => {
    expect(HISTORY_FILTERS).toStrictEqual(['date_debut', 'date_fin', 'cpm_payid', 'cel_phone_num', 'numeropage', 'nbligne', 'cpm_trans_id']);
  });
});
