import { describe, expect, it } from 'vitest';
import { decodeForm, encodeForm, type FormDecodeError } from '../../../shared/cinetpay/form-encoding';
import type { Result } from '../../../shared/result';
import { guideNaivePostfield } from './guide-samples';

function decoded(result: Result<Record<string, string>, FormDecodeError>): Record<string, string> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function decodeError(result: Result<Record<string, string>, FormDecodeError>): FormDecodeError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Values and keys that a naive `key=value&` join breaks, or that need UTF-8. */
const AWKWARD: Readonly<Record<string, string>> = {
  cpm_designation: 'Café & thé = 5 000 F',
  cpm_custom: '100% + 50% = 150%',
  emoji: 'Merci 🙏🏾 ☕',
  arabic: 'شكرا جزيلا',
  newlines: 'line 1\nline 2\r\nline 3',
  spaces: '  leading and trailing  ',
  reserved: "!'()*-._~ ?#/[]@$,;:",
  already_encoded: '%20%2B+%ZZ%',
  empty: '',
  'clé avec espace': 'value',
  'a&b=c+d%e': 'key needs escaping',
  ключ: 'значение',
};

describe('encodeForm then decodeForm gives back the same record', () => {
  it('with Unicode, &, =, +, %, newlines, spaces and keys that need escaping', () => {
    expect({ ...decoded(decodeForm(encodeForm(AWKWARD))) }).toStrictEqual(AWKWARD);
  });

  it('keeps every field in its own pair: the body has exactly one `&` between fields and one `=` per pair', () => {
    const body = encodeForm(AWKWARD);
    const pairs = body.split('&');
    expect(pairs).toHaveLength(Object.keys(AWKWARD).length);
    for (const pair of pairs) expect(pair.split('=')).toHaveLength(2);
    expect(body).toMatch(/^[A-Za-z0-9*\-._+%=&]*$/);
  });

  it('an empty record is an empty body, and an empty body an empty record', () => {
    expect(encodeForm({})).toBe('');
    expect({ ...decoded(decodeForm('')) }).toStrictEqual({});
  });
});

describe('encodeForm: the WHATWG application/x-www-form-urlencoded serializer', () => {
  it('equals URLSearchParams for the same record', () => {
    expect(encodeForm(AWKWARD)).toBe(new URLSearchParams(AWKWARD).toString());
  });

  it('equals URLSearchParams for every printable ASCII character', () => {
    const ascii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index)).join('');
    const record = { [ascii]: ascii };
    expect(encodeForm(record)).toBe(new URLSearchParams(record).toString());
  });

  it('writes a space as + and a + as %2B', () => {
    expect(encodeForm({ a: 'x y+z' })).toBe('a=x+y%2Bz');
  });

  it('writes é as its UTF-8 bytes', () => {
    expect(encodeForm({ cpm_designation: 'Café' })).toBe('cpm_designation=Caf%C3%A9');
  });

  it('leaves out undefined values and keeps empty strings', () => {
    expect(encodeForm({ a: '1', b: undefined, c: '' })).toBe('a=1&c=');
  });

  it("keeps the record's key order", () => {
    expect(encodeForm({ cpm_amount: '100', apikey: 'k', cpm_site_id: '1' })).toBe('cpm_amount=100&apikey=k&cpm_site_id=1');
  });

  it('turns a lone surrogate into U+FFFD, as URLSearchParams does, instead of throwing', () => {
    const record = { a: 'x\ud83dy', b: '\ude00', c: '\ud83d\ud83d\ude00' };
    expect(encodeForm(record)).toBe(new URLSearchParams(record).toString());
    expect(encodeForm(record)).toBe('a=x%EF%BF%BDy&b=%EF%BF%BD&c=%EF%BF%BD%F0%9F%98%80');
  });
});

describe('decodeForm: reads what is unambiguous, refuses the rest', () => {
  it("reads the guide's notification fields", () => {
    expect({ ...decoded(decodeForm('cpm_trans_id=50445985950&cpm_site_id=296911&cpm_custom=63%2342%23mpl')) }).toStrictEqual({
      cpm_trans_id: '50445985950',
      cpm_site_id: '296911',
      cpm_custom: '63#42#mpl',
    });
  });

  it('reads + as a space and %2B as +', () => {
    expect(decoded(decodeForm('a=x+y%2Bz'))['a']).toBe('x y+z');
  });

  it('reads a field without = as empty, and skips empty pairs', () => {
    expect({ ...decoded(decodeForm('flag&&a=1&')) }).toStrictEqual({ flag: '', a: '1' });
  });

  it('keeps every = after the first in the value', () => {
    expect(decoded(decodeForm('a=b=c'))['a']).toBe('b=c');
  });

  it('refuses a field given twice (DUPLICATE_FIELD), even if spelled differently', () => {
    expect(decodeError(decodeForm('cpm_trans_id=1&cpm_trans_id=2'))).toStrictEqual({ code: 'DUPLICATE_FIELD', field: 'cpm_trans_id' });
    expect(decodeError(decodeForm('cpm_trans_id=1&cpm_trans_id=1'))).toStrictEqual({ code: 'DUPLICATE_FIELD', field: 'cpm_trans_id' });
    expect(decodeError(decodeForm('a=1&%61=2'))).toStrictEqual({ code: 'DUPLICATE_FIELD', field: 'a' });
    expect(decodeError(decodeForm('a+b=1&a%20b=2'))).toStrictEqual({ code: 'DUPLICATE_FIELD', field: 'a b' });
  });

  it.each([
    ['a truncated escape after a valid one', 'cpm_designation=Caf%E9%', 'cpm_designation'],
    ['a non-hex escape', 'cpm_designation=%ZZ', 'cpm_designation'],
    ['a lone %', 'a=100%', 'a'],
    ['Latin-1 é (%E9), not UTF-8', 'cpm_designation=Caf%E9', 'cpm_designation'],
    ['an escaped lone surrogate', 'a=%ED%A0%80', 'a'],
  ])('refuses %s in a value (MALFORMED_ENCODING), naming the field', (_case, body, field) => {
    expect(decodeError(decodeForm(body))).toStrictEqual({ code: 'MALFORMED_ENCODING', field });
  });

  it('refuses a broken escape in a key, naming the raw key', () => {
    expect(decodeError(decodeForm('ok=1&%ZZ=1'))).toStrictEqual({ code: 'MALFORMED_ENCODING', field: '%ZZ' });
    expect(decodeError(decodeForm('%E9%=1'))).toStrictEqual({ code: 'MALFORMED_ENCODING', field: '%E9%' });
  });

  it('cuts a raw broken key to 40 characters in the error', () => {
    const key = `%ZZ${'k'.repeat(60)}`;
    expect(decodeError(decodeForm(`${key}=1`))).toStrictEqual({ code: 'MALFORMED_ENCODING', field: key.slice(0, 40) });
  });

  it('stores __proto__, constructor and toString as plain own fields of a prototype-less record', () => {
    const fields = decoded(decodeForm('__proto__=x&constructor=y&toString=z'));
    expect(Object.hasOwn(fields, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
    expect(fields['constructor']).toBe('y');
    expect(fields['toString']).toBe('z');
    expect(Object.keys(fields)).toStrictEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('does not find fields the body does not have on a prototype', () => {
    const fields = decoded(decodeForm('a=1'));
    expect(fields['toString']).toBeUndefined();
    expect(fields['hasOwnProperty']).toBeUndefined();
  });
});

describe("the guide's naive PHP body (Annexe II postData) against ours", () => {
  const params = { cpm_amount: '5000', cpm_designation: 'Café & thé = 5 000 F', apikey: 'key' };

  it("the guide's unescaped body splits cpm_designation=Café & thé = 5 000 F into wrong fields", () => {
    const naive = guideNaivePostfield(params);
    expect(naive).toBe('cpm_amount=5000&cpm_designation=Café & thé = 5 000 F&apikey=key');
    // Any form reader sees four fields, a truncated designation and a bogus " thé " field.
    const readBack = { ...decoded(decodeForm(naive)) };
    expect(readBack).toStrictEqual({ cpm_amount: '5000', cpm_designation: 'Café ', ' thé ': ' 5 000 F', apikey: 'key' });
    expect(Object.fromEntries(new URLSearchParams(naive))).toStrictEqual(readBack);
  });

  it('ours keeps the designation whole, in a body of exactly three fields', () => {
    const body = encodeForm(params);
    expect(body).toBe('cpm_amount=5000&cpm_designation=Caf%C3%A9+%26+th%C3%A9+%3D+5+000+F&apikey=key');
    expect({ ...decoded(decodeForm(body)) }).toStrictEqual(params);
  });

  it('the naive body turns a + into a space, and a bare % makes it unreadable', () => {
    expect(decoded(decodeForm(guideNaivePostfield({ cpm_custom: 'a+b' })))['cpm_custom']).toBe('a b');
    expect(decodeError(decodeForm(guideNaivePostfield({ cpm_custom: '100% sûr' })))).toStrictEqual({ code: 'MALFORMED_ENCODING', field: 'cpm_custom' });
    expect({ ...decoded(decodeForm(encodeForm({ cpm_custom: 'a+b 100% sûr' }))) }).toStrictEqual({ cpm_custom: 'a+b 100% sûr' });
  });
});
