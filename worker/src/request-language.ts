/**
 * The language a request asks its customer-facing text in: the first of our
 * languages its `Accept-Language` names (the widget sends its own `lang`
 * there; a browser sends the customer's preferences), by quality, else
 * French. Only the primary subtag counts: `fr-CI` reads `fr`.
 */

import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/cinetpay/wire';

/** A header longer than this is not a browser's; reading the start is enough. */
const MAX_HEADER_CHARS = 256;

function supported(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary);
}

/** `en-GB,en;q=0.9,fr;q=0.8` -> `en`; `de, en;q=0.5` -> `en`; absent or none of ours -> `fr`. */
export function requestLanguage(request: Request): Language {
  const header = (request.headers.get('accept-language') ?? '').slice(0, MAX_HEADER_CHARS);
  let best: { readonly language: Language; readonly quality: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';');
    const language = supported(tag);
    if (!language) continue;
    const q = params.map((param) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (quality > 0 && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
