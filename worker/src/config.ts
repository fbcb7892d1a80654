/**
 * The Worker's settings, read from `Env` (wrangler.toml vars and secrets) and
 * validated as a whole on every request: a missing or malformed setting is
 * reported by name, with what it should hold, and never with its value.
 */

import { API2026_HOSTS, API2026_KEY_PREFIX, type Api2026Environment, MAX_API2026_URL_LENGTH } from '../../shared/cinetpay/api2026-wire';
import { MAX_AMOUNT, MIN_AMOUNT, validateAmount, validateCurrency, validateDesignation, validateSiteId } from '../../shared/cinetpay/validate';
import { type Currency, DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';
import { CFA_ZONES, type CfaZone } from './cfa-zone';
import { API_GENERATIONS, type ApiGeneration } from './payment-provider';
import { decodeWebhookSecret, MIN_WEBHOOK_SECRET_BYTES, WEBHOOK_SECRET_PREFIX, type WebhookSecretProblem } from './standard-webhooks';

export interface Product {
  readonly id: string;
  readonly amount: number;
  readonly currency: Currency;
  /** What CinetPay shows and the order keeps, in French (CinetPay's default language). */
  readonly designation: string;
  /** The same in English (`designation_en`), for a customer paying in English; `null` to use `designation` for everyone. */
  readonly designationEn: string | null;
  /** A file delivered once the order is ACCEPTED (digital delivery), or `null`. */
  readonly file: ProductFile | null;
}

/** A product's file: its key in the FILES bucket (R2), and the name the customer's browser saves it under. */
export interface ProductFile {
  readonly key: string;
  readonly filename: string;
}

/** Digital delivery: how download links are signed, how long they last after payment, and how often one order may download. */
export interface Downloads {
  /** The HMAC key of download tokens; `''` when no product has a file and none is set. */
  readonly secret: string;
  readonly ttlMs: number;
  readonly limit: number;
}

export interface OpenAmount {
  readonly min: number;
  readonly max: number;
  /** Starts every open-amount designation (`Don : `), so that no donation reads like a catalog product. */
  readonly label: string;
  /** When set, the only designations a customer may choose (after the label). */
  readonly designations: readonly string[] | null;
}

export interface Pages {
  readonly success: string;
  readonly pending: string;
  readonly failure: string;
  readonly cancel: string;
}

/** The channels a paid order is announced on, besides the `order.paid` webhook. */
export const NOTICE_CHANNELS = ['email', 'telegram', 'slack', 'discord'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** Email through the `NOTICE_EMAIL` send_email binding, from an address of a domain on Cloudflare Email Routing to a verified destination. */
export interface EmailNotice {
  readonly from: string;
  readonly to: string;
}

export interface TelegramNotice {
  /** `https://api.telegram.org` in production; the sandbox locally and in tests. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly chatId: string;
}

/**
 * Paid-order notices: each enabled channel gets one message per paid order.
 * A channel is `null` when its settings are left empty.
 */
export interface Notices {
  readonly lang: Language;
  /** Whether a notice shows the number the customer paid from (off by default: a chat is often shared). */
  readonly payerPhone: boolean;
  readonly email: EmailNotice | null;
  readonly telegram: TelegramNotice | null;
  /** Incoming-webhook URLs: secrets, since anyone who holds one may post to the channel. */
  readonly slack: { readonly webhookUrl: string } | null;
  readonly discord: { readonly webhookUrl: string } | null;
}

export interface Config {
  /** The CinetPay API new orders are created with; each order is verified with the one it was created with. */
  readonly api: ApiGeneration;
  /** The franc CFA the account takes, as v2 and 2026 name it (`CFA_ZONE`, XOF unless set). */
  readonly cfaZone: CfaZone;
  readonly apikey: string;
  /** v2's secret key, which signs notifications (`x-token`); required under v2, `''` when unset under v1. */
  readonly secretKey: string;
  /** The shop's name, as the receipt and the notices show it (`MERCHANT_NAME`, else the Worker's host name). */
  readonly merchantName: string;
  readonly adminToken: string;
  /** A valid `whsec_` secret when `webhookUrl` is set; `''` when no webhook is sent and none is set. */
  readonly webhookSecret: string;
  readonly siteId: string;
  readonly apiUrl: string;
  readonly checkoutUrl: string;
  /** v2's API base, `https://api-checkout.cinetpay.com/v2/` unless set. */
  readonly v2ApiUrl: string;
  /** The 2026 API's host and credentials; the credentials are `''` when unset outside CINETPAY_API = "2026". */
  readonly api2026: Api2026Settings;
  /** The Worker's public origin; every URL sent to CinetPay and every redirect is built from it, never from the Host header. */
  readonly publicUrl: string;
  /** Offsets after creation at which an order that is not ACCEPTED re-checks itself. */
  readonly recheckScheduleMs: readonly number[];
  /** How long after its checkout an order never ACCEPTED is deleted (UNPAID_RETENTION, default 30 days); paid orders are kept. */
  readonly unpaidRetentionMs: number;
  readonly allowedOrigins: ReadonlySet<string>;
  /** Absolute URLs, or paths relative to the Worker's own origin. */
  readonly pages: Pages;
  readonly webhookUrl: string | null;
  readonly timeoutMs: number;
  readonly webhookRetryBaseMs: number;
  readonly catalog: ReadonlyMap<string, Product>;
  /** `null` when the merchant sells only the catalog. */
  readonly openAmount: OpenAmount | null;
  readonly notices: Notices;
  readonly downloads: Downloads;
}

export interface Api2026Settings {
  readonly environment: Api2026Environment;
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiPassword: string;
}

export interface ConfigProblem {
  readonly setting: string;
  readonly problem: string;
}

const MIN_TOKEN_LENGTH = 16;
const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

type Problems = ConfigProblem[];

function secret(value: unknown, setting: string, problems: Problems): string {
  if (typeof value !== 'string' || value.length < MIN_TOKEN_LENGTH) {
    problems.push({ setting, problem: `is missing or shorter than ${MIN_TOKEN_LENGTH} characters; set it with \`wrangler secret put ${setting}\`` });
    return '';
  }
  return value;
}

/** A shell line that prints a fresh secret; shown in the problem so that the fix is one copy away. */
const WEBHOOK_SECRET_GENERATOR = `node -e "console.log('${WEBHOOK_SECRET_PREFIX}'+require('crypto').randomBytes(32).toString('base64'))"`;

const WEBHOOK_SECRET_PROBLEMS: Record<WebhookSecretProblem | 'missing', string> = {
  missing: 'is missing, and FULFILLMENT_WEBHOOK_URL is set: order.paid events must be signed',
  missing_prefix: `must start with "${WEBHOOK_SECRET_PREFIX}" (a Standard Webhooks secret; receivers decode what follows as base64)`,
  not_base64: `must be "${WEBHOOK_SECRET_PREFIX}" followed by standard, padded base64`,
  too_short: `must be "${WEBHOOK_SECRET_PREFIX}" followed by the base64 of at least ${MIN_WEBHOOK_SECRET_BYTES} random bytes`,
};

/**
 * `WEBHOOK_SECRET`: `whsec_<base64 of at least 24 bytes>`, the Standard
 * Webhooks format, so that any receiver library verifies our signatures.
 * Required only when a webhook is sent: with no `FULFILLMENT_WEBHOOK_URL`, a
 * missing or malformed one is no problem (a valid one is still kept, for
 * deliveries queued before the URL was removed). The problem never quotes
 * the value.
 */
function webhookSecret(value: unknown, webhookUrl: string | null, problems: Problems): string {
  const decoded = typeof value === 'string' && value !== '' ? decodeWebhookSecret(value) : undefined;
  if (typeof value === 'string' && decoded?.ok === true) return value;
  if (webhookUrl === null) return '';
  const problem: WebhookSecretProblem | 'missing' = decoded === undefined || decoded.ok ? 'missing' : decoded.problem;
  problems.push({
    setting: 'WEBHOOK_SECRET',
    problem: `${WEBHOOK_SECRET_PROBLEMS[problem]}; generate one with \`${WEBHOOK_SECRET_GENERATOR}\`, set it with \`wrangler secret put WEBHOOK_SECRET\` and give the same value to your receiver`,
  });
  return '';
}

/** CinetPay v2 takes amounts in steps of this many francs. */
export const V2_AMOUNT_STEP = 5;

/** The v2 API's production base, when CINETPAY_V2_API_URL is unset. */
export const DEFAULT_V2_API_URL = 'https://api-checkout.cinetpay.com/v2/';

/** `CINETPAY_API`: `v1` (the default, when unset), `v2` or `2026`. */
function apiGeneration(value: unknown, problems: Problems): ApiGeneration {
  if (value === undefined || value === '') return 'v1';
  const known = API_GENERATIONS.find((generation) => generation === value);
  if (known) return known;
  problems.push({ setting: 'CINETPAY_API', problem: 'must be "v1", "v2" or "2026" (v2 and 2026 keep the credentials off the browser; see README)' });
  return 'v1';
}

/** `CFA_ZONE`: `XOF` (the default, when unset) or `XAF`. */
function cfaZone(value: unknown, problems: Problems): CfaZone {
  if (value === undefined || value === '') return 'XOF';
  const known = CFA_ZONES.find((zone) => zone === value);
  if (known) return known;
  problems.push({
    setting: 'CFA_ZONE',
    problem: 'must be "XOF" (BCEAO: Côte d\'Ivoire, Sénégal, ...) or "XAF" (BEAC: Cameroun, Gabon, ...), as your CinetPay account',
  });
  return 'XOF';
}

/** The longest URL the Worker sends the 2026 API: the return page with a 19-digit transaction id. */
export function longest2026Url(publicUrl: string): string {
  return `${publicUrl}/return?trans_id=${'0'.repeat(19)}`;
}

/**
 * The 2026 API's settings. The environment is `CINETPAY_2026_ENVIRONMENT`
 * (`test` or `live`), else the key's prefix says it (`sk_test_`, `sk_live_`),
 * as CinetPay's SDK does; a key of the other environment is refused. The
 * host is the environment's unless `CINETPAY_2026_API_URL` is set (the
 * sandbox). Under CINETPAY_API = "2026" the key and password are required
 * and the URLs sent must fit CinetPay's 120 characters; otherwise they are
 * kept when set, for the 2026 orders still in flight after a move away.
 */
function api2026Settings(env: Env, api: ApiGeneration, publicUrl: string, problems: Problems): Api2026Settings {
  const apiKey = typeof env.CINETPAY_2026_API_KEY === 'string' ? env.CINETPAY_2026_API_KEY : '';
  const apiPassword = typeof env.CINETPAY_2026_API_PASSWORD === 'string' ? env.CINETPAY_2026_API_PASSWORD : '';
  const keyEnvironment = (['test', 'live'] as const).find((name) => apiKey.startsWith(API2026_KEY_PREFIX[name]));
  const setting = env.CINETPAY_2026_ENVIRONMENT ?? '';
  const named = (['test', 'live'] as const).find((name) => name === setting);
  if (setting !== '' && !named) problems.push({ setting: 'CINETPAY_2026_ENVIRONMENT', problem: 'must be "test" or "live"' });
  const environment = named ?? keyEnvironment ?? 'live';
  const required = api === '2026';
  if ((required || apiKey !== '') && keyEnvironment !== environment) {
    problems.push({
      setting: 'CINETPAY_2026_API_KEY',
      problem: `must be your ${environment} key (it starts with ${API2026_KEY_PREFIX[environment]}); set it with \`wrangler secret put CINETPAY_2026_API_KEY\``,
    });
  }
  if ((required || apiKey !== '') && apiPassword === '') {
    problems.push({ setting: 'CINETPAY_2026_API_PASSWORD', problem: 'is missing; set it with `wrangler secret put CINETPAY_2026_API_PASSWORD`' });
  }
  const override = env.CINETPAY_2026_API_URL ?? '';
  const baseUrl = override === '' ? API2026_HOSTS[environment] : apiBase(override, 'CINETPAY_2026_API_URL', problems);
  if (required && longest2026Url(publicUrl).length > MAX_API2026_URL_LENGTH) {
    problems.push({
      setting: 'PUBLIC_URL',
      problem: `is too long for CinetPay's 2026 API: its return URL (${longest2026Url(publicUrl).length} characters) must fit in ${MAX_API2026_URL_LENGTH}`,
    });
  }
  return { environment, baseUrl, apiKey, apiPassword };
}

/**
 * `CINETPAY_SECRET_KEY`: required under v2, where it proves notifications. Under v1 it
 * is optional and kept when set, for the v2 orders still in flight after a move back.
 */
function secretKey(value: unknown, api: ApiGeneration, problems: Problems): string {
  if (typeof value === 'string' && value.length >= MIN_TOKEN_LENGTH) return value;
  if (api !== 'v2' && (value === undefined || value === '')) return '';
  problems.push({
    setting: 'CINETPAY_SECRET_KEY',
    problem: `is missing or shorter than ${MIN_TOKEN_LENGTH} characters; CINETPAY_API = "v2" needs it (CinetPay back office, "Intégration"): set it with \`wrangler secret put CINETPAY_SECRET_KEY\``,
  });
  return '';
}

function absoluteUrl(value: unknown, setting: string, problems: Problems): string {
  if (typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value)) return value;
  problems.push({ setting, problem: 'must be an absolute http(s) URL' });
  return '';
}

/** An API's base URL, ending in "/" so that its calls resolve under it: `…/v2` and `…/v2/` both call `…/v2/payment`. */
function apiBase(value: unknown, setting: string, problems: Problems): string {
  const url = absoluteUrl(value, setting, problems);
  return url === '' || url.endsWith('/') ? url : `${url}/`;
}

function page(value: unknown, setting: string, problems: Problems): string {
  if (typeof value === 'string' && (value.startsWith('/') ? URL.canParse(value, 'https://x') : /^https?:\/\//.test(value) && URL.canParse(value))) return value;
  problems.push({ setting, problem: 'must be an absolute http(s) URL or a path starting with "/"' });
  return '';
}

function origins(value: unknown, problems: Problems): ReadonlySet<string> {
  const list =
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : [];
  const valid = list.every((item) => URL.canParse(item) && new URL(item).origin === item);
  if (list.length === 0 || !valid) {
    problems.push({ setting: 'ALLOWED_ORIGINS', problem: 'must list the shop origins, comma-separated, like "https://shop.example.com"' });
    return new Set();
  }
  return new Set(list);
}

function origin(value: unknown, setting: string, problems: Problems): string {
  if (typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value) && new URL(value).origin === value) return value;
  problems.push({ setting, problem: 'must be the Worker\'s public origin, like "https://pay.example.com" (no path, no trailing slash)' });
  return '';
}

const DURATION = /^(\d{1,6})(s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2m,5m,15m,1h,6h,24h` -> offsets in milliseconds, strictly increasing. */
function schedule(value: unknown, setting: string, problems: Problems): readonly number[] {
  const parts = typeof value === 'string' ? value.split(',').map((part) => part.trim()) : [];
  const offsets = parts.map((part) => {
    const match = DURATION.exec(part);
    return match ? Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN) : Number.NaN;
  });
  const valid = offsets.length > 0 && offsets.every((offset, index) => offset > 0 && (index === 0 || offset > (offsets[index - 1] ?? 0)));
  if (valid) return offsets;
  problems.push({ setting, problem: 'must list increasing delays after checkout, comma-separated, like "2m,5m,15m,1h,6h,24h" (units s, m, h, d)' });
  return [];
}

/** The default of UNPAID_RETENTION: a month to pay, or to be looked up by a customer who paid and never came back. */
const DEFAULT_UNPAID_RETENTION = '30d';

/** One duration (`30d`, `12h`), longer than the last re-check: an order is not deleted before its schedule is spent. */
function retention(value: unknown, schedule: readonly number[], problems: Problems): number {
  const match = DURATION.exec(typeof value === 'string' && value !== '' ? value.trim() : DEFAULT_UNPAID_RETENTION);
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN) : Number.NaN;
  const lastRecheck = schedule.at(-1) ?? 0;
  if (ms > 0 && ms > lastRecheck) return ms;
  problems.push({
    setting: 'UNPAID_RETENTION',
    problem: 'must be one delay after checkout, longer than the last of RECHECK_SCHEDULE, like "30d" (units s, m, h, d)',
  });
  return Number.POSITIVE_INFINITY;
}

function integerSetting(value: unknown, setting: string, min: number, max: number, problems: Problems): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= min && number <= max) return number;
  problems.push({ setting, problem: `must be a whole number of milliseconds from ${min} to ${max}` });
  return min;
}

function product(id: string, value: unknown, problems: Problems): Product | undefined {
  const setting = `CATALOG.${id}`;
  if (!PRODUCT_ID.test(id) || !isRecord(value)) {
    problems.push({ setting, problem: 'must be a table with an id of letters, digits, "-" or "_"' });
    return undefined;
  }
  const amount = validateAmount(value['amount'], `${setting}.amount`);
  const currency = validateCurrency(value['currency'] ?? 'CFA', `${setting}.currency`);
  const designation = validateDesignation(value['designation'], `${setting}.designation`);
  const designationEn = value['designation_en'] === undefined ? ok(null) : validateDesignation(value['designation_en'], `${setting}.designation_en`);
  for (const result of [amount, currency, designation, designationEn]) {
    if (!result.ok) problems.push({ setting: result.error.field, problem: `must be ${result.error.expected}` });
  }
  const file = productFile(value, setting, problems);
  return amount.ok && currency.ok && designation.ok && designationEn.ok && file !== undefined
    ? { id, amount: amount.value, currency: currency.value, designation: designation.value, designationEn: designationEn.value, file }
    : undefined;
}

/** An R2 key: printable, no leading slash, no `..` segment. */
const FILE_KEY = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\x21-\x7e]{1,512}$/;
/** A file name for Content-Disposition: 1 to 200 characters, no path, no quote, no control character. */
function isFileName(name: string): boolean {
  return name.length >= 1 && name.length <= 200 && [...name].every((char) => !'"\\/'.includes(char) && char.charCodeAt(0) > 0x1f && char !== '\u007f');
}

/** `file` (an R2 key) and optional `filename` of a catalog entry; `null` when it has no file, `undefined` when malformed. */
function productFile(value: Readonly<Record<string, unknown>>, setting: string, problems: Problems): ProductFile | null | undefined {
  const key = value['file'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !FILE_KEY.test(key)) {
    problems.push({ setting: `${setting}.file`, problem: 'must be the key of an object in the FILES bucket (R2), like "ebooks/recettes.pdf"' });
    return undefined;
  }
  const filename = value['filename'] ?? key.slice(key.lastIndexOf('/') + 1);
  if (typeof filename !== 'string' || !isFileName(filename)) {
    problems.push({ setting: `${setting}.filename`, problem: 'must be a file name (no "/", no quote), like "recettes.pdf"' });
    return undefined;
  }
  return { key, filename };
}

function catalog(value: unknown, problems: Problems): ReadonlyMap<string, Product> {
  const products = new Map<string, Product>();
  if (value === undefined) return products;
  if (!isRecord(value)) {
    problems.push({ setting: 'CATALOG', problem: 'must be a table of products, e.g. [vars.CATALOG.tshirt-m]' });
    return products;
  }
  for (const [id, entry] of Object.entries(value)) {
    const parsed = product(id, entry, problems);
    if (parsed) products.set(id, parsed);
  }
  return products;
}

function openAmount(value: unknown, problems: Problems): OpenAmount | null {
  if (value === undefined || (isRecord(value) && value['enabled'] === false)) return null;
  const min = isRecord(value) ? value['min'] : undefined;
  const max = isRecord(value) ? value['max'] : undefined;
  const label = isRecord(value) ? validateDesignation(value['label'], 'OPEN_AMOUNT.label') : validateDesignation(undefined);
  const designations = isRecord(value) ? value['designations'] : undefined;
  const choices =
    designations === undefined
      ? null
      : Array.isArray(designations) && designations.length > 0 && designations.every((item) => validateDesignation(item).ok)
        ? designations.map(String)
        : undefined;
  const valid =
    isRecord(value) &&
    value['enabled'] === true &&
    typeof min === 'number' &&
    typeof max === 'number' &&
    Number.isInteger(min) &&
    Number.isInteger(max) &&
    min >= MIN_AMOUNT &&
    max >= min &&
    max <= MAX_AMOUNT;
  if (!valid) {
    problems.push({ setting: 'OPEN_AMOUNT', problem: `must be { enabled, min, max, label } with integers ${MIN_AMOUNT} <= min <= max <= ${MAX_AMOUNT}` });
    return null;
  }
  if (!label.ok) {
    problems.push({
      setting: 'OPEN_AMOUNT.label',
      problem: 'must start every donation\'s designation, like "Don : "; it keeps a donation from reading like a product',
    });
    return null;
  }
  if (choices === undefined) {
    problems.push({ setting: 'OPEN_AMOUNT.designations', problem: 'must be a non-empty list of designations, or be left out' });
    return null;
  }
  return { min, max, label: label.value, designations: choices };
}

const EMAIL_ADDRESS = /^[^\s@<>"(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const TELEGRAM_BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
/** A chat id (`-1001234567890`, `12345`) or a public channel's name (`@my_shop`). */
const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
const MAX_MERCHANT_NAME_LENGTH = 100;

/** An optional setting: `undefined` or `''` mean "not set". */
function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `MERCHANT_NAME`, else the Worker's host name: a Worker configured before receipts existed keeps working, and says whose receipt it is. */
function merchantName(value: unknown, publicUrl: string, problems: Problems): string {
  const name = given(value);
  if (name === undefined) return URL.canParse(publicUrl) ? new URL(publicUrl).host : '';
  if (name.length <= MAX_MERCHANT_NAME_LENGTH) return name;
  problems.push({ setting: 'MERCHANT_NAME', problem: `must be your shop's name as customers know it, at most ${MAX_MERCHANT_NAME_LENGTH} characters` });
  return '';
}

function emailNotice(env: Env, problems: Problems): EmailNotice | null {
  const to = given(env.NOTICE_EMAIL_TO);
  if (to === undefined) return null;
  const from = given(env.NOTICE_EMAIL_FROM);
  const before = problems.length;
  if (!EMAIL_ADDRESS.test(to)) problems.push({ setting: 'NOTICE_EMAIL_TO', problem: 'must be one email address, verified in Cloudflare Email Routing' });
  if (from === undefined || !EMAIL_ADDRESS.test(from)) {
    problems.push({
      setting: 'NOTICE_EMAIL_FROM',
      problem: 'must be an email address on your domain (the one with Email Routing), e.g. "paiements@shop.example.com"',
    });
  }
  if (env.NOTICE_EMAIL === undefined) {
    problems.push({
      setting: 'NOTICE_EMAIL',
      problem: 'is not bound, and NOTICE_EMAIL_TO is set: add [[send_email]] name = "NOTICE_EMAIL" with destination_address to wrangler.toml',
    });
  }
  return problems.length === before && from !== undefined ? { from, to } : null;
}

function telegramNotice(env: Env, problems: Problems): TelegramNotice | null {
  const token = given(env.TELEGRAM_BOT_TOKEN);
  const chatId = given(env.TELEGRAM_CHAT_ID);
  if (token === undefined && chatId === undefined) return null;
  const before = problems.length;
  if (token === undefined || !TELEGRAM_BOT_TOKEN.test(token)) {
    problems.push({
      setting: 'TELEGRAM_BOT_TOKEN',
      problem: 'must be the token @BotFather gave your bot ("123456:ABC..."); set it with `wrangler secret put TELEGRAM_BOT_TOKEN`',
    });
  }
  if (chatId === undefined || !TELEGRAM_CHAT_ID.test(chatId)) {
    problems.push({
      setting: 'TELEGRAM_CHAT_ID',
      problem: 'must be the chat id the bot posts to (digits, "-100..." for a group or channel, or "@channel_name")',
    });
  }
  const apiUrl = absoluteUrl(given(env.TELEGRAM_API_URL) ?? 'https://api.telegram.org', 'TELEGRAM_API_URL', problems).replace(/\/+$/, '');
  return problems.length === before && token !== undefined && chatId !== undefined ? { apiUrl, botToken: token, chatId } : null;
}

function chatWebhook(value: unknown, setting: string, problems: Problems): { readonly webhookUrl: string } | null {
  const url = given(value);
  if (url === undefined) return null;
  if (/^https?:\/\//.test(url) && URL.canParse(url)) return { webhookUrl: url };
  // Never the value: the URL is the secret.
  problems.push({ setting, problem: `must be the incoming-webhook URL, https://...; set it with \`wrangler secret put ${setting}\`` });
  return null;
}

function notices(env: Env, problems: Problems): Notices {
  const langSetting = given(env.NOTICE_LANG) ?? DEFAULT_LANGUAGE;
  const lang = LANGUAGES.find((language) => language === langSetting);
  if (lang === undefined) problems.push({ setting: 'NOTICE_LANG', problem: `must be one of ${LANGUAGES.join(', ')}` });
  const phone = given(env.NOTICE_PAYER_PHONE) ?? 'false';
  if (phone !== 'true' && phone !== 'false') problems.push({ setting: 'NOTICE_PAYER_PHONE', problem: 'must be "true" or "false"' });
  return {
    lang: lang ?? DEFAULT_LANGUAGE,
    payerPhone: phone === 'true',
    email: emailNotice(env, problems),
    telegram: telegramNotice(env, problems),
    slack: chatWebhook(env.SLACK_WEBHOOK_URL, 'SLACK_WEBHOOK_URL', problems),
    discord: chatWebhook(env.DISCORD_WEBHOOK_URL, 'DISCORD_WEBHOOK_URL', problems),
  };
}

const MIN_DOWNLOAD_SECRET_LENGTH = 32;
const DEFAULT_DOWNLOAD_TTL = '24h';
const DEFAULT_DOWNLOAD_LIMIT = 5;
const MAX_DOWNLOAD_LIMIT = 1000;

/**
 * `DOWNLOAD_SECRET`, `DOWNLOAD_TTL` and `DOWNLOAD_LIMIT`. The secret is
 * required only when a product has a file; the other two have defaults
 * (24 h after payment, 5 downloads per order), taken when unset or empty.
 */
function downloads(env: Env, catalog: ReadonlyMap<string, Product>, problems: Problems): Downloads {
  const needed = [...catalog.values()].some((item) => item.file !== null);
  const configured = env.DOWNLOAD_SECRET;
  let secret = '';
  if (typeof configured === 'string' && configured.length >= MIN_DOWNLOAD_SECRET_LENGTH) secret = configured;
  else if (needed) {
    problems.push({
      setting: 'DOWNLOAD_SECRET',
      problem: `is missing or shorter than ${MIN_DOWNLOAD_SECRET_LENGTH} characters, and a product has a file: download links must be signed; generate one with \`node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"\` and set it with \`wrangler secret put DOWNLOAD_SECRET\``,
    });
  }
  // Left empty means the default, as for UNPAID_RETENTION: a shop that sells no file may blank them.
  const ttl = schedule(given(env.DOWNLOAD_TTL) ?? DEFAULT_DOWNLOAD_TTL, 'DOWNLOAD_TTL', []);
  const ttlMs = ttl.length === 1 ? (ttl[0] ?? 0) : 0;
  if (ttlMs === 0) problems.push({ setting: 'DOWNLOAD_TTL', problem: 'must be one duration after payment, like "24h" (units s, m, h, d)' });
  const limitText = given(env.DOWNLOAD_LIMIT) ?? String(DEFAULT_DOWNLOAD_LIMIT);
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
  if (limit < 1 || limit > MAX_DOWNLOAD_LIMIT)
    problems.push({ setting: 'DOWNLOAD_LIMIT', problem: `must be a whole number of downloads per order, from 1 to ${MAX_DOWNLOAD_LIMIT}` });
  return { secret, ttlMs, limit };
}

function parse(env: Env): Result<Config, readonly ConfigProblem[]> {
  const problems: Problems = [];
  const siteId = validateSiteId(env.CINETPAY_SITE_ID, 'CINETPAY_SITE_ID');
  if (!siteId.ok) problems.push({ setting: 'CINETPAY_SITE_ID', problem: 'must be your CinetPay site id (digits, from the back office)' });
  const webhookUrl = env.FULFILLMENT_WEBHOOK_URL === '' ? null : absoluteUrl(env.FULFILLMENT_WEBHOOK_URL, 'FULFILLMENT_WEBHOOK_URL', problems);
  const recheckScheduleMs = schedule(env.RECHECK_SCHEDULE, 'RECHECK_SCHEDULE', problems);
  const publicUrl = origin(env.PUBLIC_URL, 'PUBLIC_URL', problems);
  const api = apiGeneration(env.CINETPAY_API, problems);
  const products = catalog(env.CATALOG, problems);
  const config: Config = {
    api,
    cfaZone: cfaZone(env.CFA_ZONE, problems),
    secretKey: secretKey(env.CINETPAY_SECRET_KEY, api, problems),
    apikey: typeof env.CINETPAY_APIKEY === 'string' && env.CINETPAY_APIKEY !== '' ? env.CINETPAY_APIKEY : '',
    merchantName: merchantName(env.MERCHANT_NAME, publicUrl, problems),
    adminToken: secret(env.ADMIN_TOKEN, 'ADMIN_TOKEN', problems),
    webhookSecret: webhookSecret(env.WEBHOOK_SECRET, webhookUrl, problems),
    siteId: siteId.ok ? siteId.value : '',
    apiUrl: absoluteUrl(env.CINETPAY_API_URL, 'CINETPAY_API_URL', problems),
    checkoutUrl: absoluteUrl(env.CINETPAY_CHECKOUT_URL, 'CINETPAY_CHECKOUT_URL', problems),
    v2ApiUrl: env.CINETPAY_V2_API_URL ? apiBase(env.CINETPAY_V2_API_URL, 'CINETPAY_V2_API_URL', problems) : DEFAULT_V2_API_URL,
    api2026: api2026Settings(env, api, publicUrl, problems),
    publicUrl,
    recheckScheduleMs,
    unpaidRetentionMs: retention(env.UNPAID_RETENTION, recheckScheduleMs, problems),
    allowedOrigins: origins(env.ALLOWED_ORIGINS, problems),
    pages: {
      success: page(env.SUCCESS_URL, 'SUCCESS_URL', problems),
      pending: page(env.PENDING_URL, 'PENDING_URL', problems),
      failure: page(env.FAILURE_URL, 'FAILURE_URL', problems),
      cancel: page(env.CANCEL_URL, 'CANCEL_URL', problems),
    },
    webhookUrl,
    timeoutMs: integerSetting(env.UPSTREAM_TIMEOUT_MS, 'UPSTREAM_TIMEOUT_MS', 100, 60_000, problems),
    webhookRetryBaseMs: integerSetting(env.WEBHOOK_RETRY_BASE_MS, 'WEBHOOK_RETRY_BASE_MS', 10, 3_600_000, problems),
    catalog: products,
    openAmount: openAmount(env.OPEN_AMOUNT, problems),
    notices: notices(env, problems),
    downloads: downloads(env, products, problems),
  };
  if (api === 'v2') {
    for (const product of config.catalog.values()) {
      if (product.amount % V2_AMOUNT_STEP !== 0) {
        problems.push({ setting: `CATALOG.${product.id}.amount`, problem: `must be a multiple of ${V2_AMOUNT_STEP}: CinetPay v2 takes no other amount` });
      }
    }
  }
  // The 2026 API has its own credentials; v1 and v2 (and their orders in flight) need the apikey.
  if (config.apikey === '' && api !== '2026') {
    problems.push({ setting: 'CINETPAY_APIKEY', problem: 'is missing; set it with `wrangler secret put CINETPAY_APIKEY`' });
  }
  if (config.catalog.size === 0 && config.openAmount === null) {
    problems.push({ setting: 'CATALOG', problem: 'is empty and OPEN_AMOUNT is disabled: there is nothing to sell' });
  }
  return problems.length === 0 ? ok(config) : err(problems);
}

const cache = new WeakMap<Env, Result<Config, readonly ConfigProblem[]>>();

/** The validated configuration; computed once per `Env` object, so checking it on every request costs nothing. */
export function readConfig(env: Env): Result<Config, readonly ConfigProblem[]> {
  const cached = cache.get(env);
  if (cached) return cached;
  const result = parse(env);
  cache.set(env, result);
  return result;
}
