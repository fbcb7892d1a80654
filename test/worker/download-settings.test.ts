import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/src/config';
import workerModule from '../../worker/src/index';
import { WORKER } from './support';

interface Health {
  readonly problems?: readonly { readonly setting: string; readonly problem: string }[];
}

async function problems(overrides: Readonly<Record<string, unknown>>): Promise<Health['problems']> {
  const response = await workerModule.fetch(new Request(`${WORKER}/healthz`), { ...env, ...overrides });
  return (await response.json<Health>()).problems ?? [];
}

const EBOOK = { amount: 1500, designation: 'E-book', file: 'ebooks/a.pdf' };

describe('digital delivery settings', () => {
  it('needs DOWNLOAD_SECRET once a product has a file, and says so by name without quoting it', async () => {
    const found = await problems({ DOWNLOAD_SECRET: 'too-short', CATALOG: { ebook: EBOOK } });
    expect(found?.map((problem) => problem.setting)).toEqual(['DOWNLOAD_SECRET']);
    expect(JSON.stringify(found)).not.toContain('too-short');
    expect(await problems({ DOWNLOAD_SECRET: undefined, CATALOG: { shirt: { amount: 5000, designation: 'T-shirt' } } })).toEqual([]);
  });

  it('refuses a file key that climbs out of its folder and a file name with a path or a quote', async () => {
    const found = await problems({
      CATALOG: {
        a: { ...EBOOK, file: '../secret.pdf' },
        b: { ...EBOOK, file: '/absolute.pdf' },
        c: { ...EBOOK, filename: 'x/y.pdf' },
        d: { ...EBOOK, filename: 'say "hi".pdf' },
      },
    });
    expect(found?.map((problem) => problem.setting).sort()).toEqual(['CATALOG.a.file', 'CATALOG.b.file', 'CATALOG.c.filename', 'CATALOG.d.filename']);
  });

  it('takes an empty DOWNLOAD_TTL or DOWNLOAD_LIMIT for its default, as an empty UNPAID_RETENTION is: a shop that sells no file may leave them blank', async () => {
    expect(await problems({ DOWNLOAD_TTL: '', DOWNLOAD_LIMIT: '' })).toEqual([]);
    expect(await problems({ DOWNLOAD_TTL: '', DOWNLOAD_LIMIT: '', CATALOG: { ebook: EBOOK } })).toEqual([]);
    const config = readConfig({ ...env, DOWNLOAD_TTL: '', DOWNLOAD_LIMIT: '' });
    expect(config.ok && config.value.downloads).toMatchObject({ ttlMs: 24 * 3_600_000, limit: 5 });
  });

  it('validates DOWNLOAD_TTL and DOWNLOAD_LIMIT', async () => {
    const found = await problems({ DOWNLOAD_TTL: '24 hours', DOWNLOAD_LIMIT: '0' });
    expect(found?.map((problem) => problem.setting).sort()).toEqual(['DOWNLOAD_LIMIT', 'DOWNLOAD_TTL']);
    expect(await problems({ DOWNLOAD_TTL: '2d', DOWNLOAD_LIMIT: '20' })).toEqual([]);
  });
});
