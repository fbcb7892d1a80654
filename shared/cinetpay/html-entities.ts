/**
 * Decodes HTML character references in a text value. CinetPay's own PHP SDK
 * runs `html_entity_decode` on `checkPayStatus` answers because values may
 * arrive entity-encoded (`Caf&eacute;`); we decode each parsed string value
 * instead of the raw body, so an encoded quote can never break the JSON.
 * Numeric references and the named references of HTML 4 (Latin-1 and the
 * few others French text uses) are decoded; anything else is left as is.
 */

const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

function namedEntities(): ReadonlyMap<string, string> {
  const map = new Map<string, string>([
    ['amp', '&'],
    ['lt', '<'],
    ['gt', '>'],
    ['quot', '"'],
    ['apos', "'"],
    ['OElig', 'Œ'],
    ['oelig', 'œ'],
    ['Yuml', 'Ÿ'],
    ['euro', '€'],
    ['rsquo', '’'],
    ['lsquo', '‘'],
    ['ldquo', '“'],
    ['rdquo', '”'],
    ['hellip', '…'],
    ['ndash', '–'],
    ['mdash', '—'],
  ]);
  for (const [index, name] of LATIN1_NAMES.split(' ').entries()) map.set(name, String.fromCodePoint(0xa0 + index));
  return map;
}

const NAMED = namedEntities();

function fromCodePoint(code: number): string | undefined {
  const valid = Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : undefined;
}

/** Replaces `&eacute;`, `&#233;` and `&#xE9;` by `é`; unknown or invalid references stay untouched. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,7});/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return fromCodePoint(parseInt(ref.slice(2), 16)) ?? whole;
    if (ref.startsWith('#')) return fromCodePoint(parseInt(ref.slice(1), 10)) ?? whole;
    return NAMED.get(ref) ?? whole;
  });
}
