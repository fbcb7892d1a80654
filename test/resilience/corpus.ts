/**
 * The bad-input corpus as data: one row per request, on every route of the
 * Worker, each with the status and stable error code it must get. Wrong
 * methods, media types and encodings (invalid UTF-8, broken percent escapes,
 * UTF-16), truncated and oversized bodies, wrong JSON types, boundary
 * amounts, Unicode and control characters, header abuse. `raw` rows are sent
 * byte for byte over a socket, for what `fetch` will not send. Also here: the
 * valid inputs at the same boundaries (they must be accepted), and requests
 * whose framing is broken enough that the HTTP layer answers before the
 * Worker runs.
 */

import type { ApiErrorCode, CheckoutRequest } from '../../shared/api/contract';

/** The routes of worker/src/index.ts, plus the catch-all; every one must appear in the corpus. */
export const ROUTES = [
  'POST /api/checkout',
  'OPTIONS /api/checkout',
  'GET /api/products',
  'GET /api/orders/:id',
  'OPTIONS /api/orders/:id',
  'GET /receipt/:id',
  'GET /notify',
  'POST /notify',
  'GET /return',
  'POST /return',
  'GET /cancel',
  'POST /cancel',
  'GET /admin/orders',
  'GET /admin/orders/:id',
  'POST /admin/orders/:id/recheck',
  'GET /admin/balance',
  'GET /admin/transactions',
  'GET /healthz',
  'unknown routes',
] as const;
export type Route = (typeof ROUTES)[number];

export interface BadCase {
  readonly route: Route;
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A factory, so that a form is made fresh for the request. */
  readonly body?: string | Uint8Array<ArrayBuffer> | (() => FormData);
  /** Sent byte for byte instead of method/path/headers/body. */
  readonly raw?: string | Buffer;
  readonly status: number;
  /** The stable code of the JSON error; for a `page` case, the error the page stands for. */
  readonly code: ApiErrorCode;
  /** For a route that answers people (the receipt): an HTML page holding this text, instead of a JSON error. */
  readonly page?: string;
  /** The rate limiter's key (`cf-connecting-ip`); by default one per route. */
  readonly ip?: string;
  /** A chunked body the Worker refuses half-read: sent alone, see `rawChunked`. */
  readonly streamed?: true;
}

/** An address whose checkout budget the test spends first (60 a minute), so that its next checkout is refused 429. */
export const SPENT_IP = '198.51.100.250';
const ORIGIN_NULL = 'null';
const UNKNOWN_ID = '4000000000000000001';
const ADMIN = { authorization: 'Bearer sandbox-admin-token' };
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const RTL = '\u202e';
const EMOJI = '\u{1F600}';
/** `OPEN_AMOUNT.label` of wrangler.toml's sandbox environment: it starts every donation's designation. */
const OPEN_LABEL = 'Don : ';
/** The longest designation a donor may send: the stored one, label included, is at most 255 characters. */
const OPEN_ROOM = 255 - [...OPEN_LABEL].length;

/** UTF-8 text and raw bytes, joined. */
function bytes(...parts: readonly (string | readonly number[])[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))));
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array<ArrayBuffer> {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return new Uint8Array(order === 'le' ? le : Buffer.from(le).swap16());
}

/**
 * A chunked request (no Content-Length), sent raw on its own connection.
 * When the Worker refuses such a body half-read, `wrangler dev` answers the
 * next non-GET request it receives, from any client, 503 "Your worker
 * restarted mid-request": the test sends these one at a time and lets the
 * local runtime recover before going on.
 */
function rawChunked(method: string, path: string, headers: readonly string[], text: string, pieces: number): string {
  const size = Math.ceil(text.length / pieces);
  const chunks: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) {
    const piece = text.slice(offset, offset + size);
    chunks.push(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
  }
  return raw(method, path, [...headers, 'Transfer-Encoding: chunked'], `${chunks.join('')}0\r\n\r\n`);
}

function form(entries: readonly (readonly [string, string | Blob])[]): () => FormData {
  return () => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  };
}

function raw(method: string, path: string, headers: readonly string[], body = ''): string {
  return [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, 'Connection: close', '', body].join('\r\n');
}

// --- POST /api/checkout -------------------------------------------------------------

function checkoutCase(name: string, body: BadCase['body'], status: number, code: ApiErrorCode, headers: Readonly<Record<string, string>> = {}): BadCase {
  return {
    route: 'POST /api/checkout',
    name,
    method: 'POST',
    path: '/api/checkout',
    headers: { ...JSON_TYPE, ...headers },
    ...(body === undefined ? {} : { body }),
    status,
    code,
  };
}

const json = (value: unknown): string => JSON.stringify(value);
const donation = (amount: unknown): string => json({ amount, designation: 'Don' });

/** A valid-looking checkout body of exactly `size` bytes. */
function exactly(size: number): string {
  const head = '{"product":"tshirt-m","custom":"';
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

const AMOUNTS: readonly (readonly [string, string, ApiErrorCode])[] = [
  ['4', donation(4), 'AMOUNT_TOO_LOW'],
  ["5 (the guide's minimum, below the shop's)", donation(5), 'AMOUNT_OUT_OF_BOUNDS'],
  ['99', donation(99), 'AMOUNT_OUT_OF_BOUNDS'],
  ['1000001', donation(1_000_001), 'AMOUNT_OUT_OF_BOUNDS'],
  ['5.5', donation(5.5), 'INVALID_AMOUNT'],
  ['100.5', donation(100.5), 'INVALID_AMOUNT'],
  ['-5', donation(-5), 'AMOUNT_TOO_LOW'],
  ['0', donation(0), 'AMOUNT_TOO_LOW'],
  ['-0', '{"amount":-0,"designation":"Don"}', 'AMOUNT_TOO_LOW'],
  ['1e21', donation(1e21), 'AMOUNT_TOO_HIGH'],
  ['2^53 + 1', '{"amount":9007199254740993,"designation":"Don"}', 'AMOUNT_TOO_HIGH'],
  ['100000001 (above any wallet)', donation(100_000_001), 'AMOUNT_TOO_HIGH'],
  ['1e400 (Infinity once parsed)', '{"amount":1e400,"designation":"Don"}', 'INVALID_AMOUNT'],
  ['"100" (a string)', donation('100'), 'INVALID_AMOUNT'],
  ['"" (empty string)', donation(''), 'INVALID_AMOUNT'],
  ['null', donation(null), 'INVALID_AMOUNT'],
  ['true', donation(true), 'INVALID_AMOUNT'],
  ['[100]', donation([100]), 'INVALID_AMOUNT'],
  ['{"value":100}', donation({ value: 100 }), 'INVALID_AMOUNT'],
  ['0x64 (not JSON)', '{"amount":0x64,"designation":"Don"}', 'INVALID_JSON'],
  ['NaN (not JSON)', '{"amount":NaN,"designation":"Don"}', 'INVALID_JSON'],
  ['1_000 (not JSON)', '{"amount":1_000,"designation":"Don"}', 'INVALID_JSON'],
];

const CHECKOUT: readonly BadCase[] = [
  ...AMOUNTS.map(([name, body, code]) => checkoutCase(`amount ${name}`, body, 400, code)),
  checkoutCase('an amount with a catalog product', json({ product: 'tshirt-m', amount: 100 }), 400, 'AMOUNT_NOT_ALLOWED'),
  checkoutCase('neither product nor amount', '{}', 400, 'MISSING_FIELD'),
  checkoutCase('an unknown product', json({ product: 'tshirt-xxl' }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product "" ', json({ product: '' }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product null', json({ product: null }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product 42', json({ product: 42 }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product ["tshirt-m"]', json({ product: ['tshirt-m'] }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product {"id":"tshirt-m"}', json({ product: { id: 'tshirt-m' } }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product "__proto__"', json({ product: '__proto__' }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product "constructor"', json({ product: 'constructor' }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product with an RTL override', json({ product: `tshirt-m${RTL}` }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product with NUL', json({ product: 'tshirt-m\u0000' }), 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('product given twice, the last unknown', '{"product":"tshirt-m","product":"tshirt-xxl"}', 400, 'UNKNOWN_PRODUCT'),
  checkoutCase('a key "__proto__"', '{"__proto__":{"product":"tshirt-m"}}', 400, 'UNKNOWN_FIELD'),
  checkoutCase('a client price', json({ product: 'tshirt-m', price: 5 }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('a client currency', json({ product: 'tshirt-m', currency: 'EUR' }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('a client apikey', json({ product: 'tshirt-m', apikey: 'x' }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('a client signature', json({ product: 'tshirt-m', signature: 'abc' }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('a client site id', json({ product: 'tshirt-m', cpm_site_id: '1' }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('a field in upper case', json({ PRODUCT: 'tshirt-m' }), 400, 'UNKNOWN_FIELD'),
  checkoutCase('an open amount without designation', json({ amount: 150 }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation ""', json({ amount: 150, designation: '' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation of spaces', json({ amount: 150, designation: '   ' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation 42', json({ amount: 150, designation: 42 }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with NUL', json({ amount: 150, designation: 'Don\u0000' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with BEL and ESC', json({ amount: 150, designation: 'Don\u0007\u001b[31m' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase(
    'designation with an RTL override (reads "Don 100" but says "Don 001")',
    json({ amount: 150, designation: `Don ${RTL}001` }),
    400,
    'INVALID_DESIGNATION',
  ),
  checkoutCase('designation with a newline', json({ amount: 150, designation: 'Don\nX-Injected: 1' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with DEL', json({ amount: 150, designation: 'Don\u007f' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with C1 NEL', json({ amount: 150, designation: 'Don\u0085' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with U+2028', json({ amount: 150, designation: 'Don\u2028' }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with a lone surrogate (JSON escape)', '{"amount":150,"designation":"Don \\ud800"}', 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation with a lone low surrogate (JSON escape)', '{"amount":150,"designation":"\\udc00 Don"}', 400, 'INVALID_DESIGNATION'),
  checkoutCase(
    `designation of ${OPEN_ROOM + 1} characters (256 with the label)`,
    json({ amount: 150, designation: 'a'.repeat(OPEN_ROOM + 1) }),
    400,
    'INVALID_DESIGNATION',
  ),
  checkoutCase(`designation of ${OPEN_ROOM + 1} emoji`, json({ amount: 150, designation: EMOJI.repeat(OPEN_ROOM + 1) }), 400, 'INVALID_DESIGNATION'),
  checkoutCase(`designation of ${OPEN_ROOM + 1} accented letters`, json({ amount: 150, designation: 'é'.repeat(OPEN_ROOM + 1) }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('designation of 256 characters', json({ amount: 150, designation: 'a'.repeat(256) }), 400, 'INVALID_DESIGNATION'),
  checkoutCase('lang "de"', json({ product: 'tshirt-m', lang: 'de' }), 400, 'INVALID_LANGUAGE'),
  checkoutCase('lang "FR"', json({ product: 'tshirt-m', lang: 'FR' }), 400, 'INVALID_LANGUAGE'),
  checkoutCase('lang null', json({ product: 'tshirt-m', lang: null }), 400, 'INVALID_LANGUAGE'),
  checkoutCase('lang with an RTL override', json({ product: 'tshirt-m', lang: `fr${RTL}` }), 400, 'INVALID_LANGUAGE'),
  checkoutCase('custom of 256 characters', json({ product: 'tshirt-m', custom: 'c'.repeat(256) }), 400, 'INVALID_CUSTOM'),
  checkoutCase('custom with ESC', json({ product: 'tshirt-m', custom: 'a\u001bb' }), 400, 'INVALID_CUSTOM'),
  checkoutCase('custom as an object', json({ product: 'tshirt-m', custom: { order: 1 } }), 400, 'INVALID_CUSTOM'),
  checkoutCase('a phone without its prefix', json({ product: 'tshirt-m', phone: '0102030405' }), 400, 'INVALID_PHONE_PREFIX'),
  checkoutCase('a prefix without phone', json({ product: 'tshirt-m', phonePrefix: '225' }), 400, 'INVALID_PHONE'),
  checkoutCase('a phone with letters', json({ product: 'tshirt-m', phone: '0102abcd', phonePrefix: '225' }), 400, 'INVALID_PHONE'),
  checkoutCase('a phone with an emoji', json({ product: 'tshirt-m', phone: `0102${EMOJI}0304`, phonePrefix: '225' }), 400, 'INVALID_PHONE'),
  checkoutCase('a phone as a number', json({ product: 'tshirt-m', phone: 102030405, phonePrefix: '225' }), 400, 'INVALID_PHONE'),
  checkoutCase('prefix "+225"', json({ product: 'tshirt-m', phone: '0102030405', phonePrefix: '+225' }), 400, 'INVALID_PHONE_PREFIX'),
  checkoutCase('prefix "0225"', json({ product: 'tshirt-m', phone: '0102030405', phonePrefix: '0225' }), 400, 'INVALID_PHONE_PREFIX'),
  checkoutCase('a JSON array', '[{"product":"tshirt-m"}]', 400, 'INVALID_BODY'),
  checkoutCase('JSON null', 'null', 400, 'INVALID_BODY'),
  checkoutCase('a JSON string', '"tshirt-m"', 400, 'INVALID_BODY'),
  checkoutCase('a JSON number', '5000', 400, 'INVALID_BODY'),
  checkoutCase('JSON true', 'true', 400, 'INVALID_BODY'),
  checkoutCase('an empty body', '', 400, 'INVALID_JSON'),
  checkoutCase('whitespace only', ' \n\t ', 400, 'INVALID_JSON'),
  checkoutCase('truncated JSON', '{"product":"tshirt-m"', 400, 'INVALID_JSON'),
  checkoutCase('truncated inside a string', '{"product":"tshi', 400, 'INVALID_JSON'),
  checkoutCase('truncated inside an escape', '{"amount":150,"designation":"Don \\u00', 400, 'INVALID_JSON'),
  checkoutCase('trailing garbage', '{"product":"tshirt-m"} x', 400, 'INVALID_JSON'),
  checkoutCase('two JSON objects', '{"product":"tshirt-m"}{"product":"tshirt-m"}', 400, 'INVALID_JSON'),
  checkoutCase('single quotes', "{'product':'tshirt-m'}", 400, 'INVALID_JSON'),
  checkoutCase('a trailing comma', '{"product":"tshirt-m",}', 400, 'INVALID_JSON'),
  checkoutCase('invalid UTF-8 in a string', bytes('{"product":"', [0xc3, 0x28], '"}'), 400, 'INVALID_BODY'),
  checkoutCase('an overlong UTF-8 "/"', bytes('{"product":"', [0xc0, 0xaf], '"}'), 400, 'INVALID_BODY'),
  checkoutCase('a lone surrogate as raw UTF-8 bytes', bytes('{"amount":150,"designation":"Don ', [0xed, 0xa0, 0x80], '"}'), 400, 'INVALID_BODY'),
  checkoutCase('a 0xFF byte', bytes('{"product":"tshirt-m"}', [0xff]), 400, 'INVALID_BODY'),
  checkoutCase('UTF-16LE with a BOM', utf16('{"product":"tshirt-m"}', 'le', true), 400, 'INVALID_BODY', { 'content-type': 'application/json; charset=utf-16' }),
  checkoutCase('UTF-16BE without a BOM', utf16('{"product":"tshirt-m"}', 'be', false), 400, 'INVALID_JSON'),
  checkoutCase('gzip bytes declared as gzip', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xab, 0x56]), 400, 'INVALID_BODY', {
    'content-encoding': 'gzip',
  }),
  checkoutCase('a body of 4097 bytes', exactly(4097), 413, 'PAYLOAD_TOO_LARGE'),
  checkoutCase('a body of 1 MB', 'x'.repeat(1024 * 1024), 413, 'PAYLOAD_TOO_LARGE'),
  {
    route: 'POST /api/checkout',
    name: 'a chunked body of 10 kB (no Content-Length)',
    method: 'POST',
    path: '/api/checkout',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    streamed: true,
    raw: rawChunked('POST', '/api/checkout', ['Content-Type: application/json'], json({ product: 'tshirt-m', custom: 'y'.repeat(10_000) }), 10),
  },
  checkoutCase('no content type', json({ product: 'tshirt-m' }), 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': '' }),
  checkoutCase('text/plain', json({ product: 'tshirt-m' }), 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'text/plain' }),
  checkoutCase('a form body', 'product=tshirt-m', 415, 'UNSUPPORTED_MEDIA_TYPE', FORM_TYPE),
  {
    route: 'POST /api/checkout',
    name: 'multipart',
    method: 'POST',
    path: '/api/checkout',
    body: form([['product', 'tshirt-m']]),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  checkoutCase('application/json-patch+json', json({ product: 'tshirt-m' }), 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'application/json-patch+json' }),
  checkoutCase('application/jsonp', json({ product: 'tshirt-m' }), 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'application/jsonp' }),
  checkoutCase('two media types in one header', json({ product: 'tshirt-m' }), 415, 'UNSUPPORTED_MEDIA_TYPE', {
    'content-type': 'application/json, text/plain',
  }),
  checkoutCase('a huge content-type parameter and bad JSON', '{', 400, 'INVALID_JSON', { 'content-type': `application/json; x=${'a'.repeat(16_000)}` }),
  checkoutCase('Origin: null', json({ product: 'tshirt-m' }), 403, 'FORBIDDEN_ORIGIN', { origin: ORIGIN_NULL }),
  checkoutCase('a foreign origin', json({ product: 'tshirt-m' }), 403, 'FORBIDDEN_ORIGIN', { origin: 'https://evil.example' }),
  checkoutCase('an origin of 60 kB', json({ product: 'tshirt-m' }), 403, 'FORBIDDEN_ORIGIN', { origin: `https://${'a'.repeat(60_000)}.example` }),
  checkoutCase('a 60 kB header and an unknown product', json({ product: 'nope' }), 400, 'UNKNOWN_PRODUCT', { 'x-padding': 'p'.repeat(60_000) }),
  checkoutCase('a bogus Authorization and an unknown product', json({ product: 'nope' }), 400, 'UNKNOWN_PRODUCT', {
    authorization: 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCqKCBkAEggY8',
  }),
  { ...checkoutCase('a valid checkout from a client over its limit', json({ product: 'casquette' }), 429, 'RATE_LIMITED'), ip: SPENT_IP },
  {
    route: 'POST /api/checkout',
    name: 'two Content-Type lines',
    method: 'POST',
    path: '/api/checkout',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Type: text/plain', 'Content-Length: 22'], '{"product":"tshirt-m"}'),
  },
  {
    route: 'POST /api/checkout',
    name: 'the same Content-Type twice',
    method: 'POST',
    path: '/api/checkout',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Type: application/json', 'Content-Length: 22'], '{"product":"tshirt-m"}'),
  },
  {
    route: 'POST /api/checkout',
    name: 'a Content-Length shorter than the body',
    method: 'POST',
    path: '/api/checkout',
    status: 400,
    code: 'INVALID_JSON',
    raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Length: 5'], '{"product":"tshirt-m"}'),
  },
  {
    route: 'POST /api/checkout',
    name: 'a Content-Length with 60 leading zeros',
    method: 'POST',
    path: '/api/checkout',
    status: 400,
    code: 'UNKNOWN_PRODUCT',
    raw: raw('POST', '/api/checkout', ['Content-Type: application/json', `Content-Length: ${'0'.repeat(60)}18`], '{"product":"nope"}'),
  },
  {
    route: 'POST /api/checkout',
    name: 'both Content-Length and chunked',
    method: 'POST',
    path: '/api/checkout',
    status: 400,
    code: 'UNKNOWN_PRODUCT',
    raw: raw(
      'POST',
      '/api/checkout',
      ['Content-Type: application/json', 'Content-Length: 3', 'Transfer-Encoding: chunked'],
      '12\r\n{"product":"nope"}\r\n0\r\n\r\n',
    ),
  },
  {
    route: 'POST /api/checkout',
    name: 'a Content-Length of 1 MB, sent in full',
    method: 'POST',
    path: '/api/checkout',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    raw: raw('POST', '/api/checkout', ['Content-Type: application/json', `Content-Length: ${1024 * 1024}`], 'z'.repeat(1024 * 1024)),
  },
  ...['GET', 'PUT', 'DELETE', 'PATCH'].map(
    (method): BadCase => ({
      route: 'POST /api/checkout',
      name: `${method} instead of POST`,
      method,
      path: '/api/checkout',
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      ...(method === 'GET' ? {} : { headers: JSON_TYPE, body: json({ product: 'tshirt-m' }) }),
    }),
  ),
  {
    route: 'POST /api/checkout',
    name: 'TRACE',
    method: 'TRACE',
    path: '/api/checkout',
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    raw: raw('TRACE', '/api/checkout', []),
  },
];

// --- OPTIONS (CORS preflight) --------------------------------------------------------

const PREFLIGHT = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' };

function optionsCases(workerOrigin: string): BadCase[] {
  const origins: readonly (readonly [string, string])[] = [
    ['Origin: null', ORIGIN_NULL],
    ['the allowed origin with a trailing slash', `${workerOrigin}/`],
    ['the allowed origin plus a suffix', `${workerOrigin}.evil.example`],
    ['an origin of 60 kB', `https://${'o'.repeat(60_000)}.example`],
  ];
  const forOrder = { 'access-control-request-method': 'GET' };
  return [
    ...origins.map(
      ([name, origin]): BadCase => ({
        route: 'OPTIONS /api/checkout',
        name: `preflight from ${name}`,
        method: 'OPTIONS',
        path: '/api/checkout',
        headers: { ...PREFLIGHT, origin },
        status: 403,
        code: 'FORBIDDEN_ORIGIN',
      }),
    ),
    {
      route: 'OPTIONS /api/checkout',
      name: 'preflight without Origin',
      method: 'OPTIONS',
      path: '/api/checkout',
      headers: PREFLIGHT,
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
    },
    {
      route: 'OPTIONS /api/orders/:id',
      name: 'preflight from Origin: null',
      method: 'OPTIONS',
      path: `/api/orders/${UNKNOWN_ID}`,
      headers: { ...forOrder, origin: ORIGIN_NULL },
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
    },
  ];
}

// --- GET /api/products, GET /api/orders/:id ------------------------------------------

const PRODUCTS: readonly BadCase[] = ['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => ({
  route: 'GET /api/products',
  name: `${method} instead of GET`,
  method,
  path: '/api/products',
  headers: JSON_TYPE,
  body: json({ id: 'free', amount: 1 }),
  status: 405,
  code: 'METHOD_NOT_ALLOWED',
}));

const orderCase = (name: string, id: string, status: number, code: ApiErrorCode): BadCase => ({
  route: 'GET /api/orders/:id',
  name,
  method: 'GET',
  path: `/api/orders/${id}`,
  status,
  code,
});

const ORDERS: readonly BadCase[] = [
  orderCase('a broken percent escape', '%zz', 400, 'INVALID_TRANS_ID'),
  orderCase('a lone "%"', '12%', 400, 'INVALID_TRANS_ID'),
  orderCase('an encoded space', '12%2034', 400, 'INVALID_TRANS_ID'),
  orderCase('an encoded NUL', '12%00', 400, 'INVALID_TRANS_ID'),
  orderCase('an encoded RTL override', '12%E2%80%AE34', 400, 'INVALID_TRANS_ID'),
  orderCase('an emoji', encodeURIComponent(`12${EMOJI}`), 400, 'INVALID_TRANS_ID'),
  orderCase('an encoded lone surrogate', '12%ED%A0%80', 400, 'INVALID_TRANS_ID'),
  orderCase('encoded dots and slashes', '..%2F..%2Fadmin%2Forders', 400, 'INVALID_TRANS_ID'),
  orderCase('quotes and SQL', "1'%20OR%20'1'='1", 400, 'INVALID_TRANS_ID'),
  orderCase('65 characters', '1'.repeat(65), 400, 'INVALID_TRANS_ID'),
  orderCase('8000 characters', '7'.repeat(8000), 400, 'INVALID_TRANS_ID'),
  orderCase('an unknown id', UNKNOWN_ID, 404, 'ORDER_NOT_FOUND'),
  ...['POST', 'PUT', 'DELETE', 'PATCH'].map((method): BadCase => ({ ...orderCase(`${method} instead of GET`, UNKNOWN_ID, 405, 'METHOD_NOT_ALLOWED'), method })),
  {
    route: 'GET /api/orders/:id',
    name: 'raw bytes 0xFF 0xFE in the path',
    method: 'GET',
    path: '/api/orders/(bytes)',
    status: 400,
    code: 'INVALID_TRANS_ID',
    raw: Buffer.from('GET /api/orders/\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 'latin1'),
  },
];

const receiptCase = (name: string, id: string, status: number, code: ApiErrorCode, page: string): BadCase => ({
  route: 'GET /receipt/:id',
  name,
  method: 'GET',
  path: `/receipt/${id}`,
  status,
  code,
  page,
});

const RECEIPTS: readonly BadCase[] = [
  receiptCase('a broken percent escape', '%zz', 400, 'INVALID_TRANS_ID', 'Adresse de reçu invalide'),
  receiptCase('an encoded space', '12%2034', 400, 'INVALID_TRANS_ID', 'Adresse de reçu invalide'),
  receiptCase('an encoded NUL', '12%00', 400, 'INVALID_TRANS_ID', 'Adresse de reçu invalide'),
  receiptCase('markup in the id', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 400, 'INVALID_TRANS_ID', 'Adresse de reçu invalide'),
  receiptCase('65 characters', '1'.repeat(65), 400, 'INVALID_TRANS_ID', 'Adresse de reçu invalide'),
  receiptCase('an unknown order', UNKNOWN_ID, 404, 'ORDER_NOT_FOUND', 'Commande introuvable'),
  receiptCase('an unknown order, in English', `${UNKNOWN_ID}?lang=en`, 404, 'ORDER_NOT_FOUND', 'Order not found'),
  ...['POST', 'PUT', 'DELETE'].map(
    (method): BadCase => ({
      route: 'GET /receipt/:id',
      name: `${method} instead of GET`,
      method,
      path: `/receipt/${UNKNOWN_ID}`,
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
    }),
  ),
];

// --- /notify ----------------------------------------------------------------------------

function notifyCase(name: string, body: BadCase['body'], status: number, code: ApiErrorCode, headers: Readonly<Record<string, string>> = FORM_TYPE): BadCase {
  return { route: 'POST /notify', name, method: 'POST', path: '/notify', headers, ...(body === undefined ? {} : { body }), status, code };
}

const site = `&cpm_site_id=445160`;

const NOTIFY: readonly BadCase[] = [
  notifyCase('JSON', json({ cpm_trans_id: UNKNOWN_ID, cpm_site_id: '445160' }), 415, 'UNSUPPORTED_MEDIA_TYPE', JSON_TYPE),
  notifyCase('text/plain', `cpm_trans_id=${UNKNOWN_ID}${site}`, 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'text/plain' }),
  notifyCase('no content type', `cpm_trans_id=${UNKNOWN_ID}${site}`, 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': '' }),
  notifyCase('an empty form', '', 400, 'INVALID_TRANS_ID'),
  notifyCase('no cpm_trans_id', 'cpm_site_id=445160&cpm_result=00', 400, 'INVALID_TRANS_ID'),
  notifyCase('an empty cpm_trans_id', `cpm_trans_id=${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id of 65 characters', `cpm_trans_id=${'1'.repeat(65)}${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id with a space', `cpm_trans_id=12+34${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id with NUL', `cpm_trans_id=12%00${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id with an emoji', `cpm_trans_id=12%F0%9F%98%80${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id with an RTL override', `cpm_trans_id=12%E2%80%AE34${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id "../admin"', `cpm_trans_id=..%2Fadmin${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id with ";" smuggling a field', `cpm_trans_id=${UNKNOWN_ID};cpm_site_id=445160`, 400, 'INVALID_TRANS_ID'),
  notifyCase('a JSON body labelled as a form', json({ cpm_trans_id: UNKNOWN_ID }), 400, 'INVALID_TRANS_ID'),
  notifyCase('cpm_trans_id given twice', `cpm_trans_id=${UNKNOWN_ID}&cpm_trans_id=4000000000000000002${site}`, 400, 'INVALID_BODY'),
  notifyCase('cpm_site_id given twice', `cpm_trans_id=${UNKNOWN_ID}${site}${site}`, 400, 'INVALID_BODY'),
  notifyCase('a broken escape "%E9%"', `cpm_trans_id=${UNKNOWN_ID}${site}&cpm_custom=%E9%`, 400, 'INVALID_BODY'),
  notifyCase('a broken escape "%zz"', `cpm_trans_id=%zz${site}`, 400, 'INVALID_BODY'),
  notifyCase('a trailing "%"', `cpm_trans_id=${UNKNOWN_ID}${site}&x=%`, 400, 'INVALID_BODY'),
  notifyCase('an escape of invalid UTF-8', `cpm_trans_id=${UNKNOWN_ID}${site}&cpm_designation=%C3%28`, 400, 'INVALID_BODY'),
  notifyCase('an escaped lone surrogate', `cpm_trans_id=${UNKNOWN_ID}${site}&cpm_custom=%ED%A0%80`, 400, 'INVALID_BODY'),
  notifyCase('raw invalid UTF-8 bytes', bytes(`cpm_trans_id=${UNKNOWN_ID}${site}&cpm_custom=`, [0xe9, 0x74, 0xe9]), 400, 'INVALID_BODY'),
  notifyCase('UTF-16LE with a BOM', utf16(`cpm_trans_id=${UNKNOWN_ID}${site}`, 'le', true), 400, 'INVALID_BODY', {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-16',
  }),
  notifyCase('UTF-16BE without a BOM', utf16(`cpm_trans_id=${UNKNOWN_ID}${site}`, 'be', false), 400, 'INVALID_TRANS_ID'),
  notifyCase('a body of 16385 bytes', `cpm_trans_id=${UNKNOWN_ID}${site}&pad=${'p'.repeat(16_385)}`, 413, 'PAYLOAD_TOO_LARGE'),
  {
    route: 'POST /notify',
    name: 'a chunked body of 40 kB (no Content-Length)',
    method: 'POST',
    path: '/notify',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    streamed: true,
    raw: rawChunked('POST', '/notify', ['Content-Type: application/x-www-form-urlencoded'], `cpm_trans_id=${UNKNOWN_ID}${site}&pad=${'q'.repeat(40_000)}`, 8),
  },
  notifyCase('another site id', `cpm_trans_id=${UNKNOWN_ID}&cpm_site_id=999999&cpm_result=00`, 403, 'FOREIGN_SITE_ID'),
  notifyCase('no site id', `cpm_trans_id=${UNKNOWN_ID}&cpm_result=00`, 403, 'FOREIGN_SITE_ID'),
  notifyCase('a site id with a leading space', `cpm_trans_id=${UNKNOWN_ID}&cpm_site_id=+445160`, 403, 'FOREIGN_SITE_ID'),
  notifyCase('a site id with a leading zero', `cpm_trans_id=${UNKNOWN_ID}&cpm_site_id=0445160`, 403, 'FOREIGN_SITE_ID'),
  notifyCase('an unknown order, "paid"', `cpm_trans_id=${UNKNOWN_ID}${site}&cpm_result=00&cpm_amount=5000&cpm_trans_status=ACCEPTED`, 404, 'ORDER_NOT_FOUND'),
  notifyCase('"__proto__" and "constructor" fields', `__proto__=x&constructor=y&cpm_trans_id=${UNKNOWN_ID}${site}`, 404, 'ORDER_NOT_FOUND'),
  notifyCase('2000 empty fields', `${Array.from({ length: 2000 }, (_, index) => `f${index}=`).join('&')}${site}`, 400, 'INVALID_TRANS_ID'),
  notifyCase(
    'multipart with cpm_trans_id twice',
    form([
      ['cpm_trans_id', UNKNOWN_ID],
      ['cpm_trans_id', '4000000000000000002'],
      ['cpm_site_id', '445160'],
    ]),
    400,
    'INVALID_BODY',
    {},
  ),
  notifyCase(
    'multipart with a file for cpm_trans_id',
    form([
      ['cpm_trans_id', new Blob([UNKNOWN_ID])],
      ['cpm_site_id', '445160'],
    ]),
    400,
    'INVALID_BODY',
    {},
  ),
  notifyCase(
    'multipart with the wrong boundary',
    '--other\r\nContent-Disposition: form-data; name="cpm_trans_id"\r\n\r\n1\r\n--other--\r\n',
    400,
    'INVALID_BODY',
    { 'content-type': 'multipart/form-data; boundary=expected' },
  ),
  notifyCase('multipart without a boundary', `cpm_trans_id=${UNKNOWN_ID}`, 400, 'INVALID_BODY', { 'content-type': 'multipart/form-data' }),
  {
    route: 'POST /notify',
    name: 'multipart chunked (no Content-Length)',
    method: 'POST',
    path: '/notify',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    streamed: true,
    raw: rawChunked(
      'POST',
      '/notify',
      ['Content-Type: multipart/form-data; boundary=b'],
      `--b\r\nContent-Disposition: form-data; name="cpm_trans_id"\r\n\r\n${UNKNOWN_ID}\r\n--b--\r\n`,
      2,
    ),
  },
  {
    route: 'POST /notify',
    name: 'two Content-Type lines',
    method: 'POST',
    path: '/notify',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    raw: raw(
      'POST',
      '/notify',
      ['Content-Type: application/x-www-form-urlencoded', 'Content-Type: application/json', 'Content-Length: 19'],
      `cpm_trans_id=${UNKNOWN_ID}`,
    ),
  },
  ...['PUT', 'DELETE', 'PATCH', 'OPTIONS'].map(
    (method): BadCase => ({ route: 'GET /notify', name: `${method} instead of GET or POST`, method, path: '/notify', status: 405, code: 'METHOD_NOT_ALLOWED' }),
  ),
];

// --- /return and /cancel --------------------------------------------------------------

function comeBackCases(path: '/return' | '/cancel'): BadCase[] {
  const get: Route = path === '/return' ? 'GET /return' : 'GET /cancel';
  const post: Route = path === '/return' ? 'POST /return' : 'POST /cancel';
  const query: readonly (readonly [string, string])[] = [
    ['no trans_id', ''],
    ['an empty trans_id', '?trans_id='],
    ['trans_id of 65 characters', `?trans_id=${'2'.repeat(65)}`],
    ['a broken escape in trans_id', '?trans_id=%zz'],
    ['an encoded NUL in trans_id', '?trans_id=12%00'],
    ['an emoji in trans_id', '?trans_id=12%F0%9F%98%80'],
    ['an RTL override in trans_id', '?trans_id=12%E2%80%AE'],
    ['a URL in trans_id (open redirect attempt)', '?trans_id=https%3A%2F%2Fevil.example'],
    ['the id under another name', `?cpm_trans_id=${UNKNOWN_ID}`],
  ];
  return [
    ...query.map(([name, search]): BadCase => ({ route: get, name, method: 'GET', path: `${path}${search}`, status: 400, code: 'INVALID_TRANS_ID' })),
    {
      route: post,
      name: 'a form with the id but none in the query',
      method: 'POST',
      path,
      headers: FORM_TYPE,
      body: `cpm_trans_id=${UNKNOWN_ID}${site}`,
      status: 400,
      code: 'INVALID_TRANS_ID',
    },
    {
      route: post,
      name: 'invalid UTF-8 body and no query',
      method: 'POST',
      path,
      headers: FORM_TYPE,
      body: bytes('cpm_trans_id=', [0xff, 0xfe]),
      status: 400,
      code: 'INVALID_TRANS_ID',
    },
    {
      route: post,
      name: 'a 1 MB body and a bad id',
      method: 'POST',
      path: `${path}?trans_id=%zz`,
      headers: FORM_TYPE,
      body: 'b'.repeat(1024 * 1024),
      status: 400,
      code: 'INVALID_TRANS_ID',
    },
    ...['PUT', 'DELETE', 'PATCH', 'OPTIONS'].map(
      (method): BadCase => ({
        route: get,
        name: `${method} instead of GET or POST`,
        method,
        path: `${path}?trans_id=${UNKNOWN_ID}`,
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      }),
    ),
  ];
}

// --- /admin ---------------------------------------------------------------------------

const BAD_AUTHORIZATIONS: readonly (readonly [string, string | undefined])[] = [
  ['no Authorization', undefined],
  ['Basic with the token as password', `Basic ${Buffer.from('admin:sandbox-admin-token').toString('base64')}`],
  ['"Bearer" alone', 'Bearer'],
  ['lower-case "bearer"', 'bearer sandbox-admin-token'],
  ['upper-case "BEARER"', 'BEARER sandbox-admin-token'],
  ['two spaces after Bearer', 'Bearer  sandbox-admin-token'],
  ['the token plus one character', 'Bearer sandbox-admin-tokenX'],
  ['the token minus one character', 'Bearer sandbox-admin-toke'],
  ['the token without a scheme', 'sandbox-admin-token'],
  ['"Token" scheme', 'Token sandbox-admin-token'],
  ['the token base64-encoded', `Bearer ${Buffer.from('sandbox-admin-token').toString('base64')}`],
  ['a wrong token, then the right one', 'Bearer wrong, Bearer sandbox-admin-token'],
  ['a Digest header', 'Digest username="admin", realm="x", nonce="1", uri="/admin/orders", response="0"'],
  ['a JWT-looking bearer', 'Bearer eyJhbGciOiJub25lIn0.eyJhZG1pbiI6dHJ1ZX0.'],
  ['a 60 kB bearer', `Bearer ${'t'.repeat(60_000)}`],
];

function adminCase(route: Route, name: string, method: string, path: string, status: number, code: ApiErrorCode, authorized = true): BadCase {
  return { route, name, method, path, ...(authorized ? { headers: ADMIN } : {}), status, code };
}

const ADMIN_CASES: readonly BadCase[] = [
  ...BAD_AUTHORIZATIONS.map(
    ([name, authorization]): BadCase => ({
      route: 'GET /admin/orders',
      name: `401 with ${name}`,
      method: 'GET',
      path: '/admin/orders',
      ...(authorization === undefined ? {} : { headers: { authorization } }),
      status: 401,
      code: 'UNAUTHORIZED',
    }),
  ),
  adminCase('GET /admin/orders', '401 with the token in the query', 'GET', '/admin/orders?token=sandbox-admin-token', 401, 'UNAUTHORIZED', false),
  adminCase('GET /admin/orders/:id', '401 without a token', 'GET', `/admin/orders/${UNKNOWN_ID}`, 401, 'UNAUTHORIZED', false),
  adminCase('POST /admin/orders/:id/recheck', '401 without a token', 'POST', `/admin/orders/${UNKNOWN_ID}/recheck`, 401, 'UNAUTHORIZED', false),
  adminCase('GET /admin/balance', '401 without a token', 'GET', '/admin/balance', 401, 'UNAUTHORIZED', false),
  adminCase('GET /admin/transactions', '401 without a token', 'GET', '/admin/transactions', 401, 'UNAUTHORIZED', false),
  // Under /admin/, no credential answers 401 before any routing: probing without one maps nothing.
  adminCase('unknown routes', 'an unknown admin path, without a token', 'GET', '/admin/secrets', 401, 'UNAUTHORIZED', false),
  adminCase('unknown routes', 'DELETE on an admin path, without a token', 'DELETE', '/admin/orders', 401, 'UNAUTHORIZED', false),
  ...['status=PAID', 'status=accepted', 'status=', 'limit=0', 'limit=1001', 'limit=abc', 'limit=-1', 'limit=1e3', 'limit=%F0%9F%98%80', 'limit=10%00'].map(
    (query) => adminCase('GET /admin/orders', `?${query}`, 'GET', `/admin/orders?${query}`, 400, 'INVALID_QUERY'),
  ),
  adminCase('GET /admin/orders/:id', 'a broken escape', 'GET', '/admin/orders/%zz', 400, 'INVALID_TRANS_ID'),
  adminCase('GET /admin/orders/:id', '65 characters', 'GET', `/admin/orders/${'3'.repeat(65)}`, 400, 'INVALID_TRANS_ID'),
  adminCase('GET /admin/orders/:id', 'an unknown id', 'GET', `/admin/orders/${UNKNOWN_ID}`, 404, 'ORDER_NOT_FOUND'),
  adminCase('POST /admin/orders/:id/recheck', 'a broken escape', 'POST', '/admin/orders/%zz/recheck', 400, 'INVALID_TRANS_ID'),
  adminCase('POST /admin/orders/:id/recheck', 'an unknown id', 'POST', `/admin/orders/${UNKNOWN_ID}/recheck`, 404, 'ORDER_NOT_FOUND'),
  ...[
    'from=2026-02-30',
    'to=31-13-2026',
    'from=yesterday',
    'color=blue',
    'page=0',
    'page=1e3',
    'perPage=abc',
    'phone=abc',
    'transId=%F0%9F%98%80',
    'payId=%3Cscript%3E',
    'from=2026-11-27%00',
  ].map((query) => adminCase('GET /admin/transactions', `?${query}`, 'GET', `/admin/transactions?${query}`, 400, 'INVALID_QUERY')),
  adminCase('GET /admin/orders', 'DELETE instead of GET', 'DELETE', '/admin/orders', 405, 'METHOD_NOT_ALLOWED'),
  adminCase('GET /admin/orders/:id', 'PATCH instead of GET', 'PATCH', `/admin/orders/${UNKNOWN_ID}`, 405, 'METHOD_NOT_ALLOWED'),
  adminCase('POST /admin/orders/:id/recheck', 'GET instead of POST', 'GET', `/admin/orders/${UNKNOWN_ID}/recheck`, 405, 'METHOD_NOT_ALLOWED'),
  adminCase('GET /admin/balance', 'PUT instead of GET', 'PUT', '/admin/balance', 405, 'METHOD_NOT_ALLOWED'),
  adminCase('GET /admin/transactions', 'POST instead of GET', 'POST', '/admin/transactions', 405, 'METHOD_NOT_ALLOWED'),
  adminCase('unknown routes', 'an unknown admin path, with the token', 'GET', '/admin/secrets', 404, 'NOT_FOUND'),
];

// --- /healthz and unknown routes ---------------------------------------------------------

const HEALTHZ: readonly BadCase[] = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((method) => ({
  route: 'GET /healthz',
  name: `${method} instead of GET`,
  method,
  path: '/healthz',
  status: 405,
  code: 'METHOD_NOT_ALLOWED',
}));

const UNKNOWN: readonly BadCase[] = [
  ...[
    '/nothing-here',
    '/api/nothing',
    '/API/CHECKOUT',
    '//api/checkout',
    '/.env',
    '/%zz',
    '/api/orders',
    '/api/orders/',
    `/api/orders/${UNKNOWN_ID}/x`,
    '/notify/x',
    '/wp-login.php',
    `/${EMOJI}`,
  ].map(
    (path): BadCase => ({
      route: 'unknown routes',
      name: `GET ${path}`,
      method: 'GET',
      path: path === `/${EMOJI}` ? `/${encodeURIComponent(EMOJI)}` : path,
      status: 404,
      code: 'NOT_FOUND',
    }),
  ),
  { route: 'unknown routes', name: 'PATCH /nothing-here', method: 'PATCH', path: '/nothing-here', status: 404, code: 'NOT_FOUND' },
  { route: 'unknown routes', name: 'DELETE /api', method: 'DELETE', path: '/api', status: 404, code: 'NOT_FOUND' },
];

/** The whole corpus; `workerOrigin` is the one origin the Worker allows besides localhost. */
export function badCases(workerOrigin: string): BadCase[] {
  return [
    ...CHECKOUT,
    checkoutCase('the allowed origin plus a suffix', json({ product: 'tshirt-m' }), 403, 'FORBIDDEN_ORIGIN', { origin: `${workerOrigin}.evil.example` }),
    ...optionsCases(workerOrigin),
    ...PRODUCTS,
    ...ORDERS,
    ...RECEIPTS,
    ...NOTIFY,
    ...comeBackCases('/return'),
    ...comeBackCases('/cancel'),
    ...ADMIN_CASES,
    ...HEALTHZ,
    ...UNKNOWN,
  ];
}

// --- the same boundaries, valid -----------------------------------------------------------

export interface GoodCase {
  readonly name: string;
  readonly body: CheckoutRequest;
  readonly amount: number;
  /** As stored and signed. */
  readonly designation: string;
}

/** Valid checkouts at the edges of what is allowed: each must be accepted, stored and signed exactly as sent (a donation behind its label). */
export const GOOD_CHECKOUTS: readonly GoodCase[] = [
  { name: 'the smallest open amount, 100', body: { amount: 100, designation: 'Don' }, amount: 100, designation: `${OPEN_LABEL}Don` },
  { name: 'the largest open amount, 1000000', body: { amount: 1_000_000, designation: 'Don' }, amount: 1_000_000, designation: `${OPEN_LABEL}Don` },
  {
    name: `a designation of ${OPEN_ROOM} emoji (255 with the label)`,
    body: { amount: 150, designation: EMOJI.repeat(OPEN_ROOM) },
    amount: 150,
    designation: `${OPEN_LABEL}${EMOJI.repeat(OPEN_ROOM)}`,
  },
  {
    name: `a designation of ${OPEN_ROOM} accented letters`,
    body: { amount: 150, designation: 'é'.repeat(OPEN_ROOM) },
    amount: 150,
    designation: `${OPEN_LABEL}${'é'.repeat(OPEN_ROOM)}`,
  },
  {
    name: 'apostrophes, ampersand, equals, quotes',
    body: { amount: 150, designation: `Café & thé = 5 000 F "l'attiéké"` },
    amount: 150,
    designation: `${OPEN_LABEL}Café & thé = 5 000 F "l'attiéké"`,
  },
  { name: 'Arabic and an emoji', body: { amount: 150, designation: `تبرع ${EMOJI}` }, amount: 150, designation: `${OPEN_LABEL}تبرع ${EMOJI}` },
  {
    name: 'a catalog product with every optional field',
    body: { product: 'ebook-attieke', lang: 'en', custom: 'c'.repeat(255), phone: '0102030405', phonePrefix: '225' },
    amount: 1500,
    // In English, the catalog's designation_en.
    designation: 'E-book: 30 attiéké recipes',
  },
];

// --- framing broken enough for the HTTP layer to answer first ----------------------------

export interface FramingCase {
  readonly name: string;
  readonly raw: string;
}

/**
 * Requests that workerd's HTTP parser (in `wrangler dev`) refuses before any
 * Worker code runs; on Cloudflare the edge's own front end answers them.
 * Nothing in worker/src can change these answers; the suite checks that they
 * hold no secret or stack trace, and counts them apart.
 */
export const FRAMING_CASES: readonly FramingCase[] = [
  { name: 'Content-Length: abc', raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Length: abc'], '{}') },
  { name: 'Content-Length: -5', raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Length: -5'], '{}') },
  { name: 'Content-Length: +22', raw: raw('POST', '/api/checkout', ['Content-Type: application/json', 'Content-Length: +22'], '{"product":"tshirt-m"}') },
  {
    name: 'two different Content-Lengths',
    raw: raw('POST', '/notify', ['Content-Type: application/x-www-form-urlencoded', 'Content-Length: 2', 'Content-Length: 3'], 'a=b'),
  },
  { name: 'an unknown method FOO', raw: raw('FOO', '/api/checkout', []) },
  { name: 'CONNECT', raw: raw('CONNECT', '127.0.0.1:1', []) },
  { name: 'a 200 kB header', raw: raw('GET', '/api/products', [`X-Big: ${'h'.repeat(200_000)}`]) },
  { name: 'a NUL byte in a header value', raw: raw('POST', '/api/checkout', ['Content-Type: application/json\u0000', 'Content-Length: 2'], '{}') },
];
