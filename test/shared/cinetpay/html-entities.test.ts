import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../../shared/cinetpay/html-entities';

describe('decodeHtmlEntities: the references CinetPay may leave in values', () => {
  it('decodes Caf&eacute; to Café', () => {
    expect(decodeHtmlEntities('Caf&eacute;')).toBe('Café');
  });

  it('decodes decimal and hexadecimal references, either case of x', () => {
    expect(decodeHtmlEntities('Caf&#233;')).toBe('Café');
    expect(decodeHtmlEntities('Caf&#xE9;')).toBe('Café');
    expect(decodeHtmlEntities('Caf&#Xe9;')).toBe('Café');
    expect(decodeHtmlEntities('&#128512;&#x1F600;')).toBe('😀😀');
  });

  it('decodes the five XML references', () => {
    expect(decodeHtmlEntities('&amp; &lt; &gt; &quot; &apos;')).toBe('& < > " \'');
  });

  it('decodes in one pass: &amp;eacute; is the text "&eacute;", not é', () => {
    expect(decodeHtmlEntities('&amp;eacute;')).toBe('&eacute;');
    expect(decodeHtmlEntities('&amp;#233;')).toBe('&#233;');
  });

  it.each([
    ['nbsp', '\u00a0'],
    ['copy', '©'],
    ['laquo', '«'],
    ['shy', '\u00ad'],
    ['deg', '°'],
    ['raquo', '»'],
    ['iquest', '¿'],
    ['Agrave', 'À'],
    ['Ccedil', 'Ç'],
    ['Eacute', 'É'],
    ['Egrave', 'È'],
    ['Ecirc', 'Ê'],
    ['times', '×'],
    ['szlig', 'ß'],
    ['agrave', 'à'],
    ['acirc', 'â'],
    ['ccedil', 'ç'],
    ['egrave', 'è'],
    ['eacute', 'é'],
    ['ecirc', 'ê'],
    ['euml', 'ë'],
    ['icirc', 'î'],
    ['iuml', 'ï'],
    ['ocirc', 'ô'],
    ['divide', '÷'],
    ['ugrave', 'ù'],
    ['ucirc', 'û'],
    ['thorn', 'þ'],
    ['yuml', 'ÿ'],
    ['OElig', 'Œ'],
    ['oelig', 'œ'],
    ['Yuml', 'Ÿ'],
    ['euro', '€'],
    ['rsquo', '’'],
    ['hellip', '…'],
  ])('decodes &%s; to its character', (name, char) => {
    expect(decodeHtmlEntities(`[&${name};]`)).toBe(`[${char}]`);
  });

  it('is case-sensitive: &Eacute; is É and &EACUTE; is left as is', () => {
    expect(decodeHtmlEntities('&Eacute;&eacute;&EACUTE;')).toBe('Éé&EACUTE;');
  });

  it('leaves unknown names, missing semicolons and bare ampersands untouched', () => {
    expect(decodeHtmlEntities('&foo; &eacute &amp &; & a&b')).toBe('&foo; &eacute &amp &; & a&b');
    expect(decodeHtmlEntities('63#42#mpl')).toBe('63#42#mpl');
  });

  it('leaves references to NUL, surrogates and beyond U+10FFFF untouched', () => {
    for (const ref of ['&#0;', '&#x0;', '&#xD800;', '&#57343;', '&#x110000;', '&#1114112;', '&#9999999;']) {
      expect(decodeHtmlEntities(ref)).toBe(ref);
    }
  });

  it('decodes U+10FFFF, the last code point', () => {
    expect(decodeHtmlEntities('&#x10FFFF;')).toBe('\u{10FFFF}');
  });

  it('leaves text without & as is', () => {
    expect(decodeHtmlEntities('Café thé')).toBe('Café thé');
    expect(decodeHtmlEntities('')).toBe('');
  });

  it('does not read inherited names such as &constructor; or &toString;', () => {
    expect(decodeHtmlEntities('&constructor; &toString; &valueOf;')).toBe('&constructor; &toString; &valueOf;');
  });
});
