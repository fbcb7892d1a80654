/**
 * The sandbox's settings, read from its vars (sandbox/wrangler.toml). The
 * credentials are fixed public values; the retry settings may be overridden
 * with `--var` so that tests do not wait for real backoff delays. A malformed
 * number falls back to its default rather than stopping a development tool.
 */

export const DEFAULT_RETRY_BASE_MS = 1_000;
export const DEFAULT_MAX_ATTEMPTS = 6;
/** The 2026 access tokens' lifetime unless SANDBOX_2026_TOKEN_TTL_S says otherwise: an hour. */
export const DEFAULT_TOKEN_TTL_S = 3_600;
/** How long the sandbox waits for a merchant's notify URL before counting the attempt as failed. */
export const NOTIFY_TIMEOUT_MS = 10_000;

export interface SandboxConfig {
  readonly apikey: string;
  readonly siteId: string;
  /** v2's secret key: the sandbox signs v2 notifications (`x-token`) with it. */
  readonly secretKey: string;
  /** The merchant's name on the hosted page, in French; `siteNameEn` on an English one. */
  readonly siteName: string;
  readonly siteNameEn: string;
  /** The 2026 API's key and password (`POST /v1/oauth/login`); the password also keys the access tokens' MAC. */
  readonly api2026Key: string;
  readonly api2026Password: string;
  /** `expires_in` of the 2026 access tokens, in seconds; short in tests that watch a token expire. */
  readonly tokenTtlS: number;
  readonly retryBaseMs: number;
  readonly maxAttempts: number;
  /** One log line per notification attempt; off where nobody reads the log (the test suites). */
  readonly logNotifications: boolean;
}

function positiveInteger(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || !/^\d{1,9}$/.test(text.trim())) return fallback;
  const value = Number(text.trim());
  return value >= 1 && value <= max ? value : fallback;
}

export function sandboxConfig(env: SandboxEnv): SandboxConfig {
  return {
    apikey: env.SANDBOX_APIKEY,
    siteId: env.SANDBOX_SITE_ID,
    secretKey: env.SANDBOX_SECRET_KEY,
    siteName: env.SANDBOX_SITE_NAME || 'Boutique démo',
    siteNameEn: env.SANDBOX_SITE_NAME_EN || env.SANDBOX_SITE_NAME || 'Demo shop',
    api2026Key: env.SANDBOX_2026_API_KEY,
    api2026Password: env.SANDBOX_2026_API_PASSWORD,
    tokenTtlS: positiveInteger(env.SANDBOX_2026_TOKEN_TTL_S, DEFAULT_TOKEN_TTL_S, 86_400),
    retryBaseMs: positiveInteger(env.NOTIFY_RETRY_BASE_MS, DEFAULT_RETRY_BASE_MS, 3_600_000),
    maxAttempts: positiveInteger(env.NOTIFY_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 50),
    logNotifications: env.LOG_NOTIFICATIONS !== 'false',
  };
}
