import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_V2_API_URL, readConfig } from '../../worker/src/config';

function problems(overrides: Partial<Record<keyof Env, string | undefined>>) {
  const result = readConfig({ ...env, ...overrides } as Env);
  return result.ok ? [] : result.error.map((problem) => problem.setting);
}

describe('CINETPAY_API, CINETPAY_V2_API_URL and CINETPAY_SECRET_KEY are validated like every setting', () => {
  it('v1 is the default, and v1 needs no secret key', () => {
    const config = readConfig({ ...env, CINETPAY_API: undefined, CINETPAY_SECRET_KEY: undefined } as unknown as Env);
    expect(config.ok && config.value.api).toBe('v1');
    expect(config.ok && config.value.secretKey).toBe('');
  });

  it('v2 needs the secret key, and says so by name without quoting any value', () => {
    expect(problems({ CINETPAY_SECRET_KEY: undefined })).toEqual(['CINETPAY_SECRET_KEY']);
    expect(problems({ CINETPAY_SECRET_KEY: 'short' })).toEqual(['CINETPAY_SECRET_KEY']);
    const result = readConfig({ ...env, CINETPAY_SECRET_KEY: 'short' } as Env);
    expect(JSON.stringify(result)).not.toContain('"short"');
  });

  it('under v2, a catalog price that is not a multiple of 5 is refused by name', () => {
    const catalog = { 'tshirt-m': { amount: 5001, currency: 'CFA', designation: 'T-shirt' } };
    const result = readConfig({ ...env, CATALOG: catalog } as unknown as Env);
    expect(result.ok ? [] : result.error.map((problem) => problem.setting)).toEqual(['CATALOG.tshirt-m.amount']);
  });

  it('an unknown generation is refused', () => {
    expect(problems({ CINETPAY_API: 'v3' })).toEqual(['CINETPAY_API']);
  });

  it('the v2 API URL defaults to CinetPay production and must be an absolute URL when set', () => {
    const config = readConfig({ ...env, CINETPAY_V2_API_URL: '' } as Env);
    expect(config.ok && config.value.v2ApiUrl).toBe(DEFAULT_V2_API_URL);
    expect(problems({ CINETPAY_V2_API_URL: 'api-checkout.cinetpay.com/v2' })).toEqual(['CINETPAY_V2_API_URL']);
  });

  it("CFA_ZONE names the account's franc CFA: XOF unless set, XAF for the BEAC zone, nothing else", () => {
    expect(readConfig({ ...env, CFA_ZONE: '' } as Env)).toMatchObject({ ok: true, value: { cfaZone: 'XOF' } });
    expect(readConfig({ ...env, CFA_ZONE: 'XAF' } as Env)).toMatchObject({ ok: true, value: { cfaZone: 'XAF' } });
    expect(problems({ CFA_ZONE: 'CFA' })).toEqual(['CFA_ZONE']);
  });

  it('a v2 API URL set without its final slash still calls under it: …/v2/payment, not …/payment', () => {
    const config = readConfig({ ...env, CINETPAY_V2_API_URL: 'https://api-checkout.cinetpay.com/v2' } as Env);
    expect(config.ok && new URL('payment', config.value.v2ApiUrl).href).toBe('https://api-checkout.cinetpay.com/v2/payment');
  });
});
