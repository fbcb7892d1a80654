import { describe, expect, it } from 'vitest';
import {
  type Answer,
  type AnswerError,
  parseBalanceAnswer,
  parseHistoryAnswer,
  parseSignatureAnswer,
  parseStatusAnswer,
  parseTransactionRecord,
} from '../../../shared/cinetpay/cinetpay-responses';
import type { TransactionRecord } from '../../../shared/cinetpay/wire';
import {
  GUIDE_BALANCE_3_4,
  GUIDE_BALANCE_3_4_COMPLETED,
  GUIDE_BALANCE_ANNEXE_II,
  GUIDE_ERROR_609,
  GUIDE_HISTORY_3_3,
  GUIDE_HISTORY_3_3_COMPLETED,
  GUIDE_SIGNATURE,
  GUIDE_SIGNATURE_BODY,
  GUIDE_STATUS_3_2,
} from './guide-samples';

function value<T>(answer: Answer<T>): T {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.value;
}

function failure<T>(answer: Answer<T>): AnswerError {
  if (answer.ok) throw new Error(`expected an error, got ${JSON.stringify(answer.value)}`);
  return answer.error;
}

function unparseableDetail<T>(answer: Answer<T>): string {
  const error = failure(answer);
  if (error.kind !== 'unparseable') throw new Error(`expected unparseable, got ${JSON.stringify(error)}`);
  return error.detail;
}

/** The 3.2 record, every field, as the parser must give it back. */
const STATUS_3_2_RECORD: TransactionRecord = {
  cpm_site_id: '296911',
  signature: '4dfbf5b8f40818abffe754b8a8aa04e4d29af25f',
  cpm_amount: '11',
  cpm_trans_date: '04092017140045',
  cpm_trans_id: '50445985950',
  cpm_custom: '08373459U',
  cpm_currency: 'CFA',
  cpm_payid: 'MP170904.1401.A91088',
  cpm_payment_date: '2017-09-04',
  cpm_payment_time: '14:01:35',
  cpm_error_message: 'SUCCES',
  payment_method: 'OM',
  cpm_phone_prefixe: '225',
  cel_phone_num: '79557788',
  cpm_ipn_ack: 'Y',
  created_at: '2017-09-04 14:00:54',
  updated_at: '2017-09-04 14:01:06',
  cpm_result: '00',
  cpm_trans_status: 'ACCEPTED',
  cpm_designation: 'Test',
  buyer_name: '',
};

/** The two 3.3 records, every field; history rows carry no cpm_trans_date. */
const HISTORY_3_3_RECORDS: readonly TransactionRecord[] = [
  {
    cpm_site_id: '997744',
    signature: 'd2a3ce8f4e4b58d12ff42810a2391b7c014782f9',
    cpm_amount: '250',
    cpm_trans_id: '52422',
    cpm_custom: '63#42#mpl',
    cpm_currency: 'CFA',
    cpm_payid: '',
    cpm_payment_date: '2015-07-05',
    cpm_payment_time: '10:39:57',
    cpm_error_message: 'OTP_CODE_ERROR',
    payment_method: 'MOMO',
    cpm_phone_prefixe: '225',
    cel_phone_num: '06477877',
    cpm_ipn_ack: 'N',
    created_at: '2015-07-05 10:39:57',
    updated_at: '2015-07-05 10:39:57',
    cpm_result: '604',
    cpm_trans_status: 'REFUSED',
    cpm_designation: '',
    buyer_name: '',
  },
  {
    cpm_site_id: '997744',
    signature: 'aef5f497aeeb4f6ff07367649792634938960241',
    cpm_amount: '25000',
    cpm_trans_id: '52552255555',
    cpm_custom: '522#633#mpl',
    cpm_currency: 'CFA',
    cpm_payid: '',
    cpm_payment_date: '2015-07-04',
    cpm_payment_time: '17:47:49',
    cpm_error_message: 'OTP_CODE_ERROR',
    payment_method: 'MOMO',
    cpm_phone_prefixe: '225',
    cel_phone_num: '06477877',
    cpm_ipn_ack: 'N',
    created_at: '2015-07-04 17:47:49',
    updated_at: '2015-07-04 17:47:49',
    cpm_result: '604',
    cpm_trans_status: 'REFUSED',
    cpm_designation: '',
    buyer_name: '',
  },
];

const GUIDE_BALANCE = {
  user: {
    compte: { solde: '865.4', credit: '900', debit: '34.6' },
    service: { solde: '33.6', credit: '35', debit: '1.4' },
  },
};

/** A minimal valid transaction object, to vary one field at a time. */
function transaction(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    cpm_site_id: '296911',
    signature: 'abcdef0123456789',
    cpm_amount: '100',
    cpm_trans_id: 'T1',
    cpm_result: '00',
    ...overrides,
  };
}

function statusBody(overrides: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({ transaction: transaction(overrides) });
}

describe("the guide's own sample answers parse, every field intact", () => {
  it('2.2: the signature sample, a JSON string body, is the signature', () => {
    expect(parseSignatureAnswer(GUIDE_SIGNATURE_BODY)).toStrictEqual({ ok: true, value: GUIDE_SIGNATURE });
  });

  it('2.2: the 609 error sample is a CinetPay refusal with its code and message', () => {
    const expected = { ok: false, error: { kind: 'cinetpay', code: '609', message: 'AUTH_NOT_FOUND' } };
    expect(parseSignatureAnswer(GUIDE_ERROR_609)).toStrictEqual(expected);
    expect(parseStatusAnswer(GUIDE_ERROR_609)).toStrictEqual(expected);
    expect(parseHistoryAnswer(GUIDE_ERROR_609)).toStrictEqual(expected);
    expect(parseBalanceAnswer(GUIDE_ERROR_609)).toStrictEqual(expected);
  });

  it('3.2: the checkPayStatus sample gives back all 21 fields, as strings, unchanged', () => {
    const record = value(parseStatusAnswer(GUIDE_STATUS_3_2));
    expect(record).toStrictEqual(STATUS_3_2_RECORD);
    expect(Object.keys(record)).toHaveLength(21);
  });

  // As printed, the 3.3 sample never closes its outer object: the guide's
  // typesetting lost the last `}` (two stray `}` lines end the guide's text).
  // The parser does not repair JSON: the verbatim text is refused, and the
  // same text with only that `}` appended parses.
  it('3.3: the verbatim history sample, missing its final `}`, is refused as unparseable', () => {
    expect(GUIDE_HISTORY_3_3.trimEnd().endsWith(']\n}')).toBe(true);
    expect(unparseableDetail(parseHistoryAnswer(GUIDE_HISTORY_3_3))).toContain('getTransHistory');
  });

  it('3.3: the history sample with its missing `}` appended gives both transactions, every field', () => {
    const history = value(parseHistoryAnswer(GUIDE_HISTORY_3_3_COMPLETED));
    expect(history).toStrictEqual({ Transactions: { transaction: HISTORY_3_3_RECORDS } });
    for (const record of history.Transactions.transaction) {
      expect(Object.hasOwn(record, 'cpm_trans_date')).toBe(false);
    }
  });

  // Same typesetting loss for the 3.4 sample (also split across a page
  // break); Annexe II prints the very same answer complete.
  it("3.4: the verbatim balance sample, missing its final `}`, is refused; completed, it equals Annexe II's", () => {
    expect(unparseableDetail(parseBalanceAnswer(GUIDE_BALANCE_3_4))).toContain('getCompteStatus');
    expect(value(parseBalanceAnswer(GUIDE_BALANCE_3_4_COMPLETED))).toStrictEqual(GUIDE_BALANCE);
  });

  it('Annexe II: the getCompteStatus sample gives both balances, every field, as decimal strings', () => {
    expect(value(parseBalanceAnswer(GUIDE_BALANCE_ANNEXE_II))).toStrictEqual(GUIDE_BALANCE);
  });
});

describe('parseSignatureAnswer: a JSON string of 8 to 128 letters or digits, or the CinetPay error', () => {
  it('accepts a BOM, spaces and newlines around the JSON body', () => {
    for (const body of [`\uFEFF${GUIDE_SIGNATURE_BODY}`, `  ${GUIDE_SIGNATURE_BODY}\r\n`, `\uFEFF\n${GUIDE_SIGNATURE_BODY}\n\n`]) {
      expect(parseSignatureAnswer(body)).toStrictEqual({ ok: true, value: GUIDE_SIGNATURE });
    }
  });

  it('refuses whitespace inside the quotes rather than trimming the signature', () => {
    expect(failure(parseSignatureAnswer(`" ${GUIDE_SIGNATURE} "`)).kind).toBe('unparseable');
    expect(failure(parseSignatureAnswer(`"${GUIDE_SIGNATURE}\\n"`)).kind).toBe('unparseable');
  });

  it('refuses a bare, unquoted signature: the guide says every answer is JSON', () => {
    expect(failure(parseSignatureAnswer(GUIDE_SIGNATURE)).kind).toBe('unparseable');
  });

  it('refuses a signature too short, too long, or with other characters', () => {
    expect(parseSignatureAnswer('"abcdefgh"')).toStrictEqual({ ok: true, value: 'abcdefgh' });
    expect(parseSignatureAnswer(JSON.stringify('a'.repeat(128))).ok).toBe(true);
    for (const signature of ['abcdefg', 'a'.repeat(129), '', 'abc-defgh', 'abcdéfgh', '<html>ab']) {
      expect(failure(parseSignatureAnswer(JSON.stringify(signature))).kind).toBe('unparseable');
    }
  });

  it('refuses an HTML page and an empty body, saying which', () => {
    expect(unparseableDetail(parseSignatureAnswer('<html><body>502 Bad Gateway</body></html>'))).toContain('an HTML page');
    expect(unparseableDetail(parseSignatureAnswer(''))).toContain('an empty body');
    expect(unparseableDetail(parseSignatureAnswer('  \n'))).toContain('an empty body');
  });

  it('refuses JSON that is neither a string nor a status error', () => {
    for (const body of ['{}', '[]', 'null', '42', '{"status":{}}', '{"status":"609"}', '{"signature":"abcdefgh12"}']) {
      expect(failure(parseSignatureAnswer(body)).kind).toBe('unparseable');
    }
  });

  it('reads a status code given as a number as its string', () => {
    expect(parseSignatureAnswer('{"status":{"code":609,"message":"AUTH_NOT_FOUND"}}')).toStrictEqual({
      ok: false,
      error: { kind: 'cinetpay', code: '609', message: 'AUTH_NOT_FOUND' },
    });
  });

  it('keeps a status error whose message is missing, with an empty message', () => {
    expect(parseSignatureAnswer('{"status":{"code":"608"}}')).toStrictEqual({
      ok: false,
      error: { kind: 'cinetpay', code: '608', message: '' },
    });
  });
});

describe('parseStatusAnswer: {"transaction":{...}} to a typed record', () => {
  it('refuses an HTML page, an empty body, and JSON without a transaction', () => {
    expect(unparseableDetail(parseStatusAnswer('<html><head><title>Maintenance</title></head></html>'))).toBe('checkPayStatus answered an HTML page');
    expect(unparseableDetail(parseStatusAnswer(''))).toBe('checkPayStatus answered an empty body');
    expect(unparseableDetail(parseStatusAnswer('{"ok":true}'))).toContain('checkPayStatus answered');
    expect(unparseableDetail(parseStatusAnswer('{"transaction":null}'))).toContain('not an object');
    expect(unparseableDetail(parseStatusAnswer('{"transaction":[]}'))).toContain('not an object');
  });

  it('refuses a record without cpm_result: no verdict can be drawn from it', () => {
    const body = JSON.stringify({ transaction: { ...STATUS_3_2_RECORD, cpm_result: undefined } });
    expect(body).not.toContain('cpm_result');
    expect(unparseableDetail(parseStatusAnswer(body))).toContain('cpm_result');
  });

  it.each(['cpm_site_id', 'signature', 'cpm_amount', 'cpm_trans_id'])('refuses a record without %s', (field) => {
    const body = statusBody({ [field]: undefined });
    expect(unparseableDetail(parseStatusAnswer(body))).toContain(field);
  });

  it('fills fields the verdict does not need with "" when missing, and omits a missing cpm_trans_date', () => {
    const record = value(parseStatusAnswer(statusBody()));
    expect(record.buyer_name).toBe('');
    expect(record.cpm_designation).toBe('');
    expect(record.cpm_payid).toBe('');
    expect(Object.hasOwn(record, 'cpm_trans_date')).toBe(false);
    expect(Object.keys(record).sort()).toStrictEqual(
      Object.keys(STATUS_3_2_RECORD)
        .filter((key) => key !== 'cpm_trans_date')
        .sort(),
    );
  });

  it('turns numbers into strings (amount, result, site id)', () => {
    const record = value(parseStatusAnswer(statusBody({ cpm_amount: 11, cpm_site_id: 296911, cpm_result: 604, cpm_payid: 0 })));
    expect(record.cpm_amount).toBe('11');
    expect(record.cpm_site_id).toBe('296911');
    expect(record.cpm_result).toBe('604');
    expect(record.cpm_payid).toBe('0');
  });

  it('a numeric result 0 reads as "0", which is not the success code "00"', () => {
    expect(value(parseStatusAnswer(statusBody({ cpm_result: 0 }))).cpm_result).toBe('0');
  });

  it('reads null as ""', () => {
    expect(value(parseStatusAnswer(statusBody({ buyer_name: null }))).buyer_name).toBe('');
  });

  it('refuses a field that is a boolean, an object or an array', () => {
    expect(unparseableDetail(parseStatusAnswer(statusBody({ cpm_amount: true })))).toContain('cpm_amount');
    expect(unparseableDetail(parseStatusAnswer(statusBody({ cpm_designation: { fr: 'x' } })))).toContain('cpm_designation');
    expect(unparseableDetail(parseStatusAnswer(statusBody({ cpm_custom: ['a'] })))).toContain('cpm_custom');
  });

  it('decodes HTML entities in values: named, decimal, hexadecimal, &amp;', () => {
    const record = value(
      parseStatusAnswer(
        statusBody({
          cpm_designation: 'Caf&eacute; cr&#232;me &amp; th&#xE9;',
          buyer_name: 'A&#233;ssa',
          cpm_custom: 'a&amp;b=c',
        }),
      ),
    );
    expect(record.cpm_designation).toBe('Café crème & thé');
    expect(record.buyer_name).toBe('Aéssa');
    expect(record.cpm_custom).toBe('a&b=c');
  });

  it('decodes each value after JSON parsing, so an encoded quote stays a character', () => {
    const record = value(parseStatusAnswer(statusBody({ cpm_designation: 'Le &quot;grand&quot; caf&eacute;' })));
    expect(record.cpm_designation).toBe('Le "grand" café');
  });

  it('reads JSON \\u escapes as the characters they stand for', () => {
    const body =
      '{"transaction":{"cpm_site_id":"1","signature":"abcdefgh","cpm_amount":"5","cpm_trans_id":"T","cpm_result":"00","cpm_designation":"Caf\\u00e9"}}';
    expect(value(parseStatusAnswer(body)).cpm_designation).toBe('Café');
  });

  it('ignores fields the guide does not list (the guide says new ones may be added)', () => {
    const record = value(parseStatusAnswer(statusBody({ new_field: 'x' })));
    expect(Object.hasOwn(record, 'new_field')).toBe(false);
  });

  it('a status error takes precedence over everything else in the body', () => {
    expect(failure(parseStatusAnswer('{"status":{"code":"627","message":"TRANSACTION_CANCEL"},"transaction":{}}'))).toStrictEqual({
      kind: 'cinetpay',
      code: '627',
      message: 'TRANSACTION_CANCEL',
    });
  });
});

describe('parseTransactionRecord: one transaction object', () => {
  it('refuses what is not an object', () => {
    for (const input of [undefined, null, 'x', 5, [] as const]) {
      expect(unparseableDetail(parseTransactionRecord(input))).toBe('the transaction is not an object');
    }
  });
});

describe('parseHistoryAnswer: {"Transactions":{"transaction":[...]}} to a list', () => {
  it('reads a single transaction given as an object as a one-element list', () => {
    const single = JSON.stringify({ Transactions: { transaction: HISTORY_3_3_RECORDS[0] } });
    expect(value(parseHistoryAnswer(single))).toStrictEqual({ Transactions: { transaction: [HISTORY_3_3_RECORDS[0]] } });
  });

  it('reads an empty list, a missing list, null and "" as no transaction', () => {
    for (const body of [
      '{"Transactions":{"transaction":[]}}',
      '{"Transactions":{}}',
      '{"Transactions":{"transaction":null}}',
      '{"Transactions":{"transaction":""}}',
    ]) {
      expect(value(parseHistoryAnswer(body))).toStrictEqual({ Transactions: { transaction: [] } });
    }
  });

  it('refuses the whole list when one transaction lacks cpm_result', () => {
    const body = JSON.stringify({ Transactions: { transaction: [transaction(), transaction({ cpm_result: undefined })] } });
    expect(unparseableDetail(parseHistoryAnswer(body))).toContain('cpm_result');
  });

  it('refuses an HTML page, an empty body, and JSON without Transactions', () => {
    expect(unparseableDetail(parseHistoryAnswer('<html></html>'))).toBe('getTransHistory answered an HTML page');
    expect(unparseableDetail(parseHistoryAnswer(''))).toBe('getTransHistory answered an empty body');
    expect(failure(parseHistoryAnswer('{"Transactions":[]}')).kind).toBe('unparseable');
    expect(failure(parseHistoryAnswer('{"transactions":{"transaction":[]}}')).kind).toBe('unparseable');
  });

  it('turns numbers into strings and decodes entities in every row', () => {
    const body = JSON.stringify({ Transactions: { transaction: [transaction({ cpm_amount: 250, cpm_designation: 'Caf&eacute;' })] } });
    const [row] = value(parseHistoryAnswer(body)).Transactions.transaction;
    expect(row?.cpm_amount).toBe('250');
    expect(row?.cpm_designation).toBe('Café');
  });
});

describe('parseBalanceAnswer: {"user":{"compte":{...},"service":{...}}}', () => {
  it('turns numeric balances into strings', () => {
    const body = '{"user":{"compte":{"solde":865.4,"credit":900,"debit":34.6},"service":{"solde":"33.6","credit":35,"debit":1.4}}}';
    expect(value(parseBalanceAnswer(body))).toStrictEqual(GUIDE_BALANCE);
  });

  it('refuses a missing or incomplete balance, naming which', () => {
    expect(unparseableDetail(parseBalanceAnswer('{"user":{"service":{"solde":"1","credit":"1","debit":"0"}}}'))).toBe('the account balance is missing');
    expect(unparseableDetail(parseBalanceAnswer('{"user":{"compte":{"solde":"1","credit":"1","debit":"0"}}}'))).toBe('the service balance is missing');
    expect(unparseableDetail(parseBalanceAnswer('{"user":{"compte":{"solde":"1","credit":"1"},"service":{"solde":"1","credit":"1","debit":"0"}}}'))).toBe(
      'the account balance is incomplete',
    );
    expect(
      unparseableDetail(parseBalanceAnswer('{"user":{"compte":{"solde":"1","credit":"1","debit":"0"},"service":{"solde":true,"credit":"1","debit":"0"}}}')),
    ).toBe('the service balance is incomplete');
  });

  it('refuses an HTML page and an empty body', () => {
    expect(unparseableDetail(parseBalanceAnswer('<html>Service Unavailable</html>'))).toBe('getCompteStatus answered an HTML page');
    expect(unparseableDetail(parseBalanceAnswer(''))).toBe('getCompteStatus answered an empty body');
  });
});

describe('a transaction record that names no result', () => {
  it('is refused when cpm_result is null or empty, so that no verdict rests on it', () => {
    const base = JSON.parse(GUIDE_STATUS_3_2) as { transaction: Record<string, unknown> };
    for (const value of [null, '']) {
      const body = JSON.stringify({ transaction: { ...base.transaction, cpm_result: value } });
      const parsed = parseStatusAnswer(body);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toEqual({ kind: 'unparseable', detail: 'the field cpm_result is empty' });
    }
  });
});
