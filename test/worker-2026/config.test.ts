import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { API2026_HOSTS } from '../../shared/cinetpay/api2026-wire';
import { readConfig } from '../../worker/src/config';

function problems(overrides: Partial<Record<keyof Env, string | undefined>>) {
  const result = readConfig({ ...env, ...overrides } as Env);
  return result.ok ? [] : result.error.map((problem) => problem.setting);
}

describe("the 2026 API's settings are validated like every setting", () => {
  it('2026 needs its key and password, not the v1/v2 apikey', () => {
    expect(problems({ CINETPAY_APIKEY: '' })).toEqual([]);
    expect(problems({ CINETPAY_2026_API_KEY: undefined })).toEqual(['CINETPAY_2026_API_KEY']);
    expect(problems({ CINETPAY_2026_API_PASSWORD: '' })).toEqual(['CINETPAY_2026_API_PASSWORD']);
  });

  it('the host follows the environment, and a key of the other environment is refused without quoting it', () => {
    const live = readConfig({ ...env, CINETPAY_2026_API_URL: '', CINETPAY_2026_ENVIRONMENT: 'live', CINETPAY_2026_API_KEY: 'sk_live_abc' } as Env);
    expect(live.ok && live.value.api2026.baseUrl).toBe(API2026_HOSTS.live);
    const test = readConfig({ ...env, CINETPAY_2026_API_URL: '', CINETPAY_2026_ENVIRONMENT: '' } as Env);
    expect(test.ok && test.value.api2026).toMatchObject({ environment: 'test', baseUrl: API2026_HOSTS.test });
    expect(problems({ CINETPAY_2026_ENVIRONMENT: 'live' })).toEqual(['CINETPAY_2026_API_KEY']);
    expect(problems({ CINETPAY_2026_ENVIRONMENT: 'prod' })).toEqual(['CINETPAY_2026_ENVIRONMENT']);
    const refused = readConfig({ ...env, CINETPAY_2026_ENVIRONMENT: 'live' } as Env);
    expect(JSON.stringify(refused)).not.toContain(env.CINETPAY_2026_API_KEY ?? 'missing');
  });

  it("the URLs sent must fit CinetPay's 120 characters: a PUBLIC_URL too long is refused at startup", () => {
    const long = `https://${'a'.repeat(80)}.example.com`;
    expect(problems({ PUBLIC_URL: long, ALLOWED_ORIGINS: long })).toEqual(['PUBLIC_URL']);
    expect(problems({ PUBLIC_URL: long, ALLOWED_ORIGINS: long, CINETPAY_API: 'v2' })).toEqual([]);
  });

  it('under v1 the 2026 credentials are optional, and kept when set for the 2026 orders in flight', () => {
    const config = readConfig({ ...env, CINETPAY_API: 'v1', CINETPAY_2026_API_KEY: '', CINETPAY_2026_API_PASSWORD: '' } as Env);
    expect(config.ok).toBe(true);
    const kept = readConfig({ ...env, CINETPAY_API: 'v1' } as Env);
    expect(kept.ok && kept.value.api2026.apiKey).toBe(env.CINETPAY_2026_API_KEY);
  });
});
