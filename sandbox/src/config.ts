/**
 * The sandbox's settings, read from its vars (sandbox/wrangler.toml). The
 * credentials are fixed public values; the retry settings may be overridden
 * with `--var` so that tests do not wait for real backoff delays. A malformed
 * number falls back to its default rather than stopping a development tool.
 */

export const DEFAULT_RETRY_BASE_MS = 1_000;
export const DEFAULT_MAX_ATTEMPTS = 6;
/** How long the sandbox waits for a merchant's notify URL before counting the attempt as failed. */
export const NOTIFY_TIMEOUT_MS = 10_000;

export interface SandboxConfig {
  readonly apikey: string;
  readonly siteId: string;
  /** v2's secret key: the sandbox signs v2 notifications (`x-token`) with it. */
  readonly secretKey: string;
  readonly siteName: string;
  readonly retryBaseMs: number;
  readonly maxAttempts: number;
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
    retryBaseMs: positiveInteger(env.NOTIFY_RETRY_BASE_MS, DEFAULT_RETRY_BASE_MS, 3_600_000),
    maxAttempts: positiveInteger(env.NOTIFY_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 50),
  };
}
