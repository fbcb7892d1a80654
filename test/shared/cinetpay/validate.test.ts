import { describe, expect, it } from 'vitest';
import {
  describeValue,
  type FieldError,
  type FieldErrorCode,
  isPrintableText,
  MAX_AMOUNT,
  MAX_CUSTOM_LENGTH,
  MAX_DESIGNATION_LENGTH,
  MIN_AMOUNT,
  parseWireAmount,
  unprintableCharacter,
  type Validated,
  validateAmount,
  validateCurrency,
  validateCustom,
  validateDesignation,
  validateLanguage,
  validatePhone,
  validatePhonePrefix,
  validateReturnMode,
  validateSiteId,
  validateTransDate,
} from '../../../shared/cinetpay/validate';

function accepted<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  return result.value;
}

function refused<T>(result: Validated<T>): FieldError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A refusal names its field (in `field` and in the message), carries its code, and says what it received. */
function expectRefusal<T>(result: Validated<T>, code: FieldErrorCode, field: string, received: string): FieldError {
  const error = refused(result);
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
  expect(error.message).toContain(received);
  return error;
}

describe('the limits', () => {
  it('follow the guide: a whole amount, minimum 5; texts of 255 characters', () => {
    expect(MIN_AMOUNT).toBe(5);
    expect(MAX_AMOUNT).toBe(100_000_000);
    expect(MAX_DESIGNATION_LENGTH).toBe(255);
    expect(MAX_CUSTOM_LENGTH).toBe(255);
  });
});

describe('validateAmount: a JSON number, whole francs, 5 or more', () => {
  it("accepts 5, the guide's minimum", () => {
    expect(validateAmount(5)).toStrictEqual({ ok: true, value: 5 });
  });

  it('accepts 1e3, which is the number 1000', () => {
    expect(validateAmount(1e3)).toStrictEqual({ ok: true, value: 1000 });
  });

  it('accepts MAX_AMOUNT itself', () => {
    expect(accepted(validateAmount(MAX_AMOUNT))).toBe(MAX_AMOUNT);
  });

  it('refuses 4 as too low', () => {
    const error = expectRefusal(validateAmount(4), 'AMOUNT_TOO_LOW', 'amount', 'got 4');
    expect(error.amountProblem).toBe('too_low');
  });

  it('refuses -5 as too low', () => {
    const error = expectRefusal(validateAmount(-5), 'AMOUNT_TOO_LOW', 'amount', 'got -5');
    expect(error.amountProblem).toBe('too_low');
  });

  it('refuses 0 and -0 as too low', () => {
    expect(refused(validateAmount(0)).code).toBe('AMOUNT_TOO_LOW');
    expect(refused(validateAmount(-0)).code).toBe('AMOUNT_TOO_LOW');
  });

  it('refuses 5.5: CFA has no minor unit (amountProblem "type", CinetPay\'s 611)', () => {
    const error = expectRefusal(validateAmount(5.5), 'INVALID_AMOUNT', 'amount', 'got 5.5');
    expect(error.amountProblem).toBe('type');
  });

  it('refuses the string "5": a JSON amount is a number', () => {
    const error = expectRefusal(validateAmount('5'), 'INVALID_AMOUNT', 'amount', '"5" (a string)');
    expect(error.amountProblem).toBe('format');
  });

  it('refuses an amount above MAX_AMOUNT as too high', () => {
    const error = expectRefusal(validateAmount(MAX_AMOUNT + 1), 'AMOUNT_TOO_HIGH', 'amount', `got ${MAX_AMOUNT + 1}`);
    expect(error.amountProblem).toBe('too_high');
    expect(refused(validateAmount(Number.MAX_SAFE_INTEGER)).code).toBe('AMOUNT_TOO_HIGH');
    expect(refused(validateAmount(1e300)).code).toBe('AMOUNT_TOO_HIGH');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('refuses %s as not a number', (shown, amount) => {
    const error = expectRefusal(validateAmount(amount), 'INVALID_AMOUNT', 'amount', `got ${shown}`);
    expect(error.amountProblem).toBe('format');
  });

  it('refuses what is not a number at all, saying what it got', () => {
    expectRefusal(validateAmount(undefined), 'INVALID_AMOUNT', 'amount', 'got nothing');
    expectRefusal(validateAmount(null), 'INVALID_AMOUNT', 'amount', 'got null');
    expectRefusal(validateAmount(true), 'INVALID_AMOUNT', 'amount', 'got true');
    expectRefusal(validateAmount([5]), 'INVALID_AMOUNT', 'amount', 'got an array');
    expectRefusal(validateAmount({ amount: 5 }), 'INVALID_AMOUNT', 'amount', 'got an object');
  });

  it('names the field it is given', () => {
    expectRefusal(validateAmount(4, 'openAmount'), 'AMOUNT_TOO_LOW', 'openAmount', 'got 4');
  });
});

describe('parseWireAmount: a wire string of digits, 5 or more', () => {
  it('reads "5" as 5 and "25000" as 25000', () => {
    expect(parseWireAmount('5')).toStrictEqual({ ok: true, value: 5 });
    expect(parseWireAmount('25000')).toStrictEqual({ ok: true, value: 25000 });
  });

  it('reads leading zeros as decimal ("011" is 11)', () => {
    expect(accepted(parseWireAmount('011'))).toBe(11);
  });

  it('refuses "4" as too low (CinetPay\'s 641)', () => {
    const error = expectRefusal(parseWireAmount('4'), 'AMOUNT_TOO_LOW', 'cpm_amount', '"4"');
    expect(error.amountProblem).toBe('too_low');
  });

  it.each(['5.5', '5,5', '100.00'])('refuses %s as not whole (amountProblem "type", CinetPay\'s 611)', (amount) => {
    const error = expectRefusal(parseWireAmount(amount), 'INVALID_AMOUNT', 'cpm_amount', JSON.stringify(amount));
    expect(error.amountProblem).toBe('type');
  });

  it.each(['abc', '', '-5', '1e3', ' 5', '5 ', '+5', '0x10', '5.', '.5', '１０', '5\n'])(
    'refuses %j as not digits (amountProblem "format", CinetPay\'s 628)',
    (amount) => {
      const error = expectRefusal(parseWireAmount(amount), 'INVALID_AMOUNT', 'cpm_amount', JSON.stringify(amount));
      expect(error.amountProblem).toBe('format');
    },
  );

  it('refuses a number: on the wire every value is a string', () => {
    const error = expectRefusal(parseWireAmount(5), 'INVALID_AMOUNT', 'cpm_amount', 'got 5');
    expect(error.amountProblem).toBe('format');
  });

  it('refuses more than 15 digits as format and a value above MAX_AMOUNT as too high', () => {
    expect(refused(parseWireAmount('1'.repeat(16))).amountProblem).toBe('format');
    const error = expectRefusal(parseWireAmount(String(MAX_AMOUNT + 1)), 'AMOUNT_TOO_HIGH', 'cpm_amount', String(MAX_AMOUNT + 1));
    expect(error.amountProblem).toBe('too_high');
    expect(accepted(parseWireAmount(String(MAX_AMOUNT)))).toBe(MAX_AMOUNT);
  });
});

describe('validateCurrency: CFA only', () => {
  it('accepts "CFA"', () => {
    expect(validateCurrency('CFA')).toStrictEqual({ ok: true, value: 'CFA' });
  });

  it.each(['XOF', 'cfa', 'CFA ', '', 'EUR'])('refuses %j', (currency) => {
    expectRefusal(validateCurrency(currency), 'INVALID_CURRENCY', 'currency', JSON.stringify(currency));
  });

  it('refuses a non-string and says what is expected', () => {
    const error = expectRefusal(validateCurrency(undefined, 'cpm_currency'), 'INVALID_CURRENCY', 'cpm_currency', 'nothing');
    expect(error.message).toContain('one of CFA');
  });
});

describe('validateLanguage: fr or en', () => {
  it('accepts "fr" and "en"', () => {
    expect(accepted(validateLanguage('fr'))).toBe('fr');
    expect(accepted(validateLanguage('en'))).toBe('en');
  });

  it.each(['FR', 'fr-FR', 'de', '', ' fr'])('refuses %j', (lang) => {
    expectRefusal(validateLanguage(lang), 'INVALID_LANGUAGE', 'lang', JSON.stringify(lang));
  });

  it('names the wire field when asked', () => {
    expectRefusal(validateLanguage(1, 'cpm_language'), 'INVALID_LANGUAGE', 'cpm_language', 'got 1');
  });
});

describe('validateReturnMode: GET, POST or NONE (guide section 4)', () => {
  it.each(['GET', 'POST', 'NONE'])('accepts %s', (mode) => {
    expect(accepted(validateReturnMode(mode))).toBe(mode);
  });

  it.each(['get', 'PUT', '', 'NONE '])('refuses %j', (mode) => {
    expectRefusal(validateReturnMode(mode), 'INVALID_RETURN_MODE', 'cpm_return_mode', JSON.stringify(mode));
  });
});

describe('validateSiteId: digits, as the back office shows it', () => {
  it("accepts the guide's site ids", () => {
    expect(accepted(validateSiteId('296911'))).toBe('296911');
    expect(accepted(validateSiteId('997744'))).toBe('997744');
    expect(accepted(validateSiteId('1'.repeat(16)))).toBe('1'.repeat(16));
  });

  it.each(['', 'abc', '2969 11', '296911\n', '1'.repeat(17), '-1'])('refuses %j', (site) => {
    expectRefusal(validateSiteId(site), 'INVALID_SITE_ID', 'cpm_site_id', JSON.stringify(site));
  });

  it('refuses a number', () => {
    expectRefusal(validateSiteId(296911), 'INVALID_SITE_ID', 'cpm_site_id', 'got 296911');
  });
});

describe('validatePhone: 6 to 15 digits, without the country prefix', () => {
  it("accepts the guide's numbers, keeping a leading zero", () => {
    expect(accepted(validatePhone('01020304'))).toBe('01020304');
    expect(accepted(validatePhone('06477877'))).toBe('06477877');
    expect(accepted(validatePhone('123456'))).toBe('123456');
    expect(accepted(validatePhone('1'.repeat(15)))).toBe('1'.repeat(15));
  });

  it.each(['12345', '1'.repeat(16), '+22501020304', '01 02 03 04', '0102030a', ''])('refuses %j', (phone) => {
    expectRefusal(validatePhone(phone), 'INVALID_PHONE', 'cel_phone_num', JSON.stringify(phone));
  });

  it('refuses a number, which would lose the leading zero', () => {
    expectRefusal(validatePhone(1020304, 'phone'), 'INVALID_PHONE', 'phone', 'got 1020304');
  });
});

describe('validatePhonePrefix: a calling code of 1 to 4 digits, no "+", no leading zero', () => {
  it.each(['225', '1', '1684'])('accepts %s', (prefix) => {
    expect(accepted(validatePhonePrefix(prefix))).toBe(prefix);
  });

  it.each(['+225', '0225', '0', '12345', '', '22 5'])('refuses %j', (prefix) => {
    expectRefusal(validatePhonePrefix(prefix), 'INVALID_PHONE_PREFIX', 'cpm_phone_prefix', JSON.stringify(prefix));
  });
});

describe('validateTransDate: "YYYY-MM-DD HH:MM:SS", UTC, a real instant', () => {
  it("accepts the guide's example", () => {
    expect(validateTransDate('2017-04-09 15:45:22')).toStrictEqual({ ok: true, value: '2017-04-09 15:45:22' });
  });

  it.each([
    ['unpadded month', '2017-4-09 15:45:22'],
    ['ISO "T" separator', '2017-04-09T15:45:22'],
    ['ISO with Z', '2017-04-09T15:45:22Z'],
    ['30 February', '2017-02-30 10:00:00'],
    ['hour 24', '2017-04-09 24:00:00'],
    ['minute 60', '2017-04-09 15:60:00'],
    ['leap second', '2016-12-31 23:59:60'],
    ['29 February of a common year', '2017-02-29 10:00:00'],
    ['no seconds', '2017-04-09 15:45'],
    ['date only', '2017-04-09'],
    ['trailing newline', '2017-04-09 15:45:22\n'],
    ['before 1970', '1969-12-31 23:59:59'],
  ])('refuses a date off by format: %s', (_case, date) => {
    expectRefusal(validateTransDate(date), 'INVALID_TRANS_DATE', 'cpm_trans_date', JSON.stringify(date));
  });

  it('accepts 29 February of a leap year', () => {
    expect(accepted(validateTransDate('2016-02-29 23:59:59'))).toBe('2016-02-29 23:59:59');
  });

  it('refuses a Date object or a timestamp', () => {
    expectRefusal(validateTransDate(new Date(0)), 'INVALID_TRANS_DATE', 'cpm_trans_date', 'an object');
    expectRefusal(validateTransDate(1491752722000), 'INVALID_TRANS_DATE', 'cpm_trans_date', '1491752722000');
  });
});

describe('isPrintableText: no control characters, no separators, no lone surrogates, no format characters', () => {
  it('accepts French, Arabic, emoji and the non-breaking space', () => {
    expect(isPrintableText('Café crème à 5 000 F')).toBe(true);
    expect(isPrintableText('مرحبا')).toBe(true);
    expect(isPrintableText('☕ 🇨🇮 😀')).toBe(true);
    expect(isPrintableText('5\u00a0000\u202fF')).toBe(true);
    expect(isPrintableText('')).toBe(true);
  });

  it.each([
    ['\\n', '\n'],
    ['\\r', '\r'],
    ['\\t', '\t'],
    ['\\u0000', '\u0000'],
    ['\\u001f', '\u001f'],
    ['DEL', '\u007f'],
    ['\\u0085 (NEL, C1)', '\u0085'],
    ['\\u009f (C1)', '\u009f'],
    ['\\u2028 (line separator)', '\u2028'],
    ['\\u2029 (paragraph separator)', '\u2029'],
    ['a lone high surrogate at the end', 'ab\ud83d'],
    ['a lone high surrogate before a letter', '\ud83dx'],
    ['a lone low surrogate', 'a\ude00b'],
    ['two high surrogates', '\ud83d\ud83d\ude00'],
    ['\u202e (right-to-left override)', '\u202e'],
    ['\u202a (left-to-right embedding)', '\u202a'],
    ['\u2066 (left-to-right isolate)', '\u2066'],
    ['\u2069 (pop directional isolate)', '\u2069'],
    ['U+200B (zero-width space)', '\u200b'],
    ['U+200D (zero-width joiner)', '\u200d'],
    ['U+FEFF (zero-width no-break space, BOM)', '\ufeff'],
    ['U+061C (Arabic letter mark)', '\u061c'],
    ['U+00AD (soft hyphen)', '\u00ad'],
    ['U+2060 (word joiner)', '\u2060'],
    ['U+E0001 (language tag, outside the BMP)', '\u{E0001}'],
  ])('refuses %s', (_name, char) => {
    expect(isPrintableText(`abc${char}def`)).toBe(false);
    expect(isPrintableText(char)).toBe(false);
  });

  it('refuses every format character (general category Cf) of the BMP, and accepts every other one from U+00A0 but the two separators', () => {
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      if (/\p{Cf}/u.test(char)) expect(isPrintableText(char), `U+${codePoint.toString(16)}`).toBe(false);
      else if (codePoint >= 0xa0 && codePoint !== 0x2028 && codePoint !== 0x2029) expect(isPrintableText(char), `U+${codePoint.toString(16)}`).toBe(true);
    }
  });
});

describe('unprintableCharacter: names the first refused character by its code point', () => {
  it.each([
    ['abc\u200bdef', 'U+200B'],
    ['\ufeffabc', 'U+FEFF'],
    ['a\u061cb', 'U+061C'],
    ['a\u2066b\u2069', 'U+2066'],
    ['co\u00adop', 'U+00AD'],
    ['a\nb', 'U+000A'],
    ['a\u{E0001}b', 'U+E0001'],
    ['ab\ud83d', 'U+D83D'],
  ])('%j holds %s', (text, name) => {
    expect(unprintableCharacter(text)).toBe(name);
  });

  it('finds nothing in printable text', () => {
    expect(unprintableCharacter('Café ☕ 🇨🇮 😀')).toBeUndefined();
  });
});

describe('designation and custom refuse invisible format characters, naming the code point', () => {
  it.each([
    ['U+200B', 'T-shirt\u200b CinetPay'],
    ['U+FEFF', '\ufeffT-shirt CinetPay'],
    ['U+061C', 'T-shirt \u061c5000'],
    ['U+2066', 'Don \u2066001\u2069'],
    ['U+00AD', 'Casquette bro\u00addée'],
  ])('%s', (name, text) => {
    const designation = refused(validateDesignation(text));
    expect(designation).toMatchObject({ code: 'INVALID_DESIGNATION', field: 'designation' });
    expect(designation.message).toContain(name);
    expect(designation.expected).toContain('invisible format characters');
    expect(designation.expected).not.toContain(name);
    const custom = refused(validateCustom(text, 'cpm_custom'));
    expect(custom).toMatchObject({ code: 'INVALID_CUSTOM', field: 'cpm_custom' });
    expect(custom.message).toContain(name);
  });

  it('names a format character even past the 40 characters the message quotes', () => {
    const error = refused(validateDesignation(`${'a'.repeat(50)}\u200b`));
    expect(error.message).toContain('…');
    expect(error.message).toMatch(/, which holds U\+200B$/);
  });

  it.each([
    ['accents and ligatures', 'Crème brûlée, œufs et maïs à Abidjan'],
    ['the typographic apostrophe', 'E-book : 30 recettes d’attiéké'],
    ['guillemets with narrow no-break spaces', 'Don «\u202fCafé & thé\u202f»'],
    ['guillemets with no-break spaces', 'Don «\u00a0solidaire\u00a0»'],
    ['a price with a no-break space', '5\u00a0000\u00a0F CFA'],
    ['a narrow no-break space before a colon', 'Commande\u202f: n° 42'],
  ])('accepts French text: %s', (_case, text) => {
    expect(accepted(validateDesignation(text))).toBe(text);
    expect(accepted(validateCustom(text))).toBe(text);
  });
});

describe('validateDesignation: 1 to 255 printable characters, counted as code points', () => {
  it('accepts 255 characters and refuses 256', () => {
    expect(accepted(validateDesignation('a'.repeat(255)))).toHaveLength(255);
    expectRefusal(validateDesignation('a'.repeat(256)), 'INVALID_DESIGNATION', 'designation', `"${'a'.repeat(40)}…" (a string)`);
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const emoji = '😀';
    expect(emoji).toHaveLength(2);
    expect(accepted(validateDesignation(emoji.repeat(255)))).toBe(emoji.repeat(255));
    expect(refused(validateDesignation(emoji.repeat(256))).code).toBe('INVALID_DESIGNATION');
    expect(accepted(validateDesignation(`${'a'.repeat(254)}${emoji}`))).toHaveLength(256);
  });

  it('accepts French and Arabic text', () => {
    expect(accepted(validateDesignation('Café & thé = 5 000 F'))).toBe('Café & thé = 5 000 F');
    expect(accepted(validateDesignation('قهوة'))).toBe('قهوة');
  });

  it('refuses an empty and a whitespace-only designation', () => {
    expectRefusal(validateDesignation(''), 'INVALID_DESIGNATION', 'designation', '""');
    expectRefusal(validateDesignation('   '), 'INVALID_DESIGNATION', 'designation', '"   "');
    expect(refused(validateDesignation('\u00a0\u3000')).code).toBe('INVALID_DESIGNATION');
  });

  it.each([
    ['\\n', 'Café\nthé'],
    ['\\u0000', 'Café\u0000'],
    ['\\u0085', 'Café\u0085'],
    ['\\u2028', 'Café\u2028thé'],
    ['a lone surrogate', 'Café \ud83d'],
  ])('refuses a control character or broken text: %s', (_name, designation) => {
    const error = refused(validateDesignation(designation, 'cpm_designation'));
    expect(error).toMatchObject({ code: 'INVALID_DESIGNATION', field: 'cpm_designation' });
    expect(error.message).toContain('cpm_designation');
    expect(error.message).toContain('without control characters');
  });

  it('refuses a non-string', () => {
    expectRefusal(validateDesignation(42), 'INVALID_DESIGNATION', 'designation', 'got 42');
  });
});

describe('validateCustom: 0 to 255 printable characters', () => {
  it('accepts an empty and a whitespace-only custom field', () => {
    expect(validateCustom('')).toStrictEqual({ ok: true, value: '' });
    expect(accepted(validateCustom('  '))).toBe('  ');
  });

  it("accepts the guide's custom values and 255 characters, refuses 256", () => {
    expect(accepted(validateCustom('63#42#mpl'))).toBe('63#42#mpl');
    expect(accepted(validateCustom('é'.repeat(255)))).toHaveLength(255);
    expect(refused(validateCustom('é'.repeat(256)))).toMatchObject({ code: 'INVALID_CUSTOM', field: 'custom' });
  });

  it('refuses control characters, naming the field', () => {
    expectRefusal(validateCustom('a\u0000b', 'cpm_custom'), 'INVALID_CUSTOM', 'cpm_custom', '"a\\u0000b" (a string)');
    expectRefusal(validateCustom('a\nb', 'cpm_custom'), 'INVALID_CUSTOM', 'cpm_custom', '"a\\nb" (a string)');
  });
});

describe('describeValue: what a message shows of the received value', () => {
  it('quotes strings and says they are strings', () => {
    expect(describeValue('abc')).toBe('"abc" (a string)');
  });

  it('cuts a string at 40 characters', () => {
    expect(describeValue('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…" (a string)`);
    expect(describeValue('x'.repeat(40))).toBe(`"${'x'.repeat(40)}" (a string)`);
  });

  it('names the other kinds of value', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(12.5)).toBe('12.5');
    expect(describeValue(false)).toBe('false');
    expect(describeValue([])).toBe('an array');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(() => 1)).toBe('a function');
  });
});
