/**
 * The Worker's settings, read from `Env` (wrangler.toml vars and secrets) and
 * validated as a whole on every request: a missing or malformed setting is
 * reported by name, with what it should hold, and never with its value.
 */

import { MAX_AMOUNT, MIN_AMOUNT, validateAmount, validateCurrency, validateDesignation, validateSiteId } from '../../shared/cinetpay/validate';
import type { Currency } from '../../shared/cinetpay/wire';
import { isRecord } from '../../shared/is-record';
import { err, ok, type Result } from '../../shared/result';
import { API_GENERATIONS, type ApiGeneration } from './payment-provider';
import { decodeWebhookSecret, MIN_WEBHOOK_SECRET_BYTES, WEBHOOK_SECRET_PREFIX, type WebhookSecretProblem } from './standard-webhooks';

export interface Product {
  readonly id: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
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

export interface Config {
  /** The CinetPay API new orders are created with; each order is verified with the one it was created with. */
  readonly api: ApiGeneration;
  readonly apikey: string;
  /** v2's secret key, which signs notifications (`x-token`); required under v2, `''` when unset under v1. */
  readonly secretKey: string;
  readonly adminToken: string;
  /** A valid `whsec_` secret when `webhookUrl` is set; `''` when no webhook is sent and none is set. */
  readonly webhookSecret: string;
  readonly siteId: string;
  readonly apiUrl: string;
  readonly checkoutUrl: string;
  /** v2's API base, `https://api-checkout.cinetpay.com/v2/` unless set. */
  readonly v2ApiUrl: string;
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

/** `CINETPAY_API`: `v1` (the default, when unset) or `v2`. */
function apiGeneration(value: unknown, problems: Problems): ApiGeneration {
  if (value === undefined || value === '') return 'v1';
  const known = API_GENERATIONS.find((generation) => generation === value);
  if (known) return known;
  problems.push({ setting: 'CINETPAY_API', problem: 'must be "v1" or "v2" (v2 keeps the apikey off the browser; see README)' });
  return 'v1';
}

/**
 * `CINETPAY_SECRET_KEY`: required under v2, where it proves notifications. Under v1 it
 * is optional and kept when set, for the v2 orders still in flight after a move back.
 */
function secretKey(value: unknown, api: ApiGeneration, problems: Problems): string {
  if (typeof value === 'string' && value.length >= MIN_TOKEN_LENGTH) return value;
  if (api === 'v1' && (value === undefined || value === '')) return '';
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
  for (const result of [amount, currency, designation]) {
    if (!result.ok) problems.push({ setting: result.error.field, problem: `must be ${result.error.expected}` });
  }
  return amount.ok && currency.ok && designation.ok ? { id, amount: amount.value, currency: currency.value, designation: designation.value } : undefined;
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

function parse(env: Env): Result<Config, readonly ConfigProblem[]> {
  const problems: Problems = [];
  const siteId = validateSiteId(env.CINETPAY_SITE_ID, 'CINETPAY_SITE_ID');
  if (!siteId.ok) problems.push({ setting: 'CINETPAY_SITE_ID', problem: 'must be your CinetPay site id (digits, from the back office)' });
  const webhookUrl = env.FULFILLMENT_WEBHOOK_URL === '' ? null : absoluteUrl(env.FULFILLMENT_WEBHOOK_URL, 'FULFILLMENT_WEBHOOK_URL', problems);
  const recheckScheduleMs = schedule(env.RECHECK_SCHEDULE, 'RECHECK_SCHEDULE', problems);
  const api = apiGeneration(env.CINETPAY_API, problems);
  const config: Config = {
    api,
    secretKey: secretKey(env.CINETPAY_SECRET_KEY, api, problems),
    apikey: typeof env.CINETPAY_APIKEY === 'string' && env.CINETPAY_APIKEY !== '' ? env.CINETPAY_APIKEY : '',
    adminToken: secret(env.ADMIN_TOKEN, 'ADMIN_TOKEN', problems),
    webhookSecret: webhookSecret(env.WEBHOOK_SECRET, webhookUrl, problems),
    siteId: siteId.ok ? siteId.value : '',
    apiUrl: absoluteUrl(env.CINETPAY_API_URL, 'CINETPAY_API_URL', problems),
    checkoutUrl: absoluteUrl(env.CINETPAY_CHECKOUT_URL, 'CINETPAY_CHECKOUT_URL', problems),
    v2ApiUrl: env.CINETPAY_V2_API_URL ? absoluteUrl(env.CINETPAY_V2_API_URL, 'CINETPAY_V2_API_URL', problems) : DEFAULT_V2_API_URL,
    publicUrl: origin(env.PUBLIC_URL, 'PUBLIC_URL', problems),
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
    catalog: catalog(env.CATALOG, problems),
    openAmount: openAmount(env.OPEN_AMOUNT, problems),
  };
  if (api === 'v2') {
    for (const product of config.catalog.values()) {
      if (product.amount % V2_AMOUNT_STEP !== 0) {
        problems.push({ setting: `CATALOG.${product.id}.amount`, problem: `must be a multiple of ${V2_AMOUNT_STEP}: CinetPay v2 takes no other amount` });
      }
    }
  }
  if (config.apikey === '') problems.push({ setting: 'CINETPAY_APIKEY', problem: 'is missing; set it with `wrangler secret put CINETPAY_APIKEY`' });
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
