import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signDownloadToken } from '../../worker/src/download-token';
import { parsePage } from './html-form';
import { checkout, paidOrder, publicOrder, resetSandbox, snapshot, worker } from './support';

const KEY = 'ebooks/30-recettes-attieke.pdf';
const FILE = new TextEncoder().encode('%PDF-1.4\n% 30 recettes d’attiéké, test bytes\n'.repeat(200));
const SECRET = env.DOWNLOAD_SECRET ?? '';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  await env.FILES.put(KEY, FILE, { httpMetadata: { contentType: 'application/pdf' } });
});
beforeEach(resetSandbox);

async function tokenFor(transId: string, expiresInMs = DAY_MS): Promise<string> {
  return signDownloadToken(SECRET, transId, new Date(Date.now() + expiresInMs));
}

async function paidEbook(lang: 'fr' | 'en' = 'fr'): Promise<string> {
  return (await paidOrder('success', { product: 'ebook-attieke', lang })).transId;
}

async function downloadUrlOf(transId: string): Promise<string> {
  const order = await publicOrder(transId);
  if (order.downloadUrl === undefined) throw new Error(`order ${transId} has no downloadUrl`);
  return order.downloadUrl;
}

/** `/download/...` of an absolute URL, through the Worker. */
function follow(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const { pathname, search } = new URL(url);
  return worker(`${pathname}${search}`, { headers });
}

async function expectRefusal(response: Response, status: number, text: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('content-disposition')).toBeNull();
  const page = await parsePage(response);
  expect(page.text).toContain(text);
}

describe('GET /download/:transId', () => {
  it('refuses before payment with a 409 page, and the order carries no download link', async () => {
    const started = await checkout({ product: 'ebook-attieke' });
    expect((await publicOrder(started.transId)).downloadUrl).toBeUndefined();
    const token = await tokenFor(started.transId);
    await expectRefusal(await worker(`/download/${started.transId}?token=${token}`), 409, 'n’est pas (encore) confirmé');
    expect((await snapshot(started.transId)).order.status).toBe('PENDING');
  });

  it('serves the R2 object, byte for byte, under the product’s file name, once the order is ACCEPTED', async () => {
    const transId = await paidEbook();
    const order = await publicOrder(transId);
    const url = await downloadUrlOf(transId);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8787/download/${transId}\\?token=\\d+\\.[A-Za-z0-9_-]{43}$`));
    // The link lasts DOWNLOAD_TTL (24 h) after the payment, the same on every read.
    const expiresAtS = Number(new URL(url).searchParams.get('token')?.split('.')[0]);
    expect(expiresAtS).toBe(Math.floor((Date.parse(order.paidAt ?? '') + DAY_MS) / 1000));
    expect(await downloadUrlOf(transId)).toBe(url);

    const response = await follow(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(FILE.byteLength));
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="30 recettes d_atti_k_.pdf"; filename*=UTF-8''30%20recettes%20d%E2%80%99atti%C3%A9k%C3%A9.pdf`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE);
  });

  it('refuses an expired token with 410, even a genuine one', async () => {
    const transId = await paidEbook();
    const expired = await tokenFor(transId, -1000);
    await expectRefusal(await worker(`/download/${transId}?token=${expired}`), 410, 'a expiré');
  });

  it('serves DOWNLOAD_LIMIT (5) downloads, then 429, even when they arrive together', async () => {
    const transId = await paidEbook();
    const url = await downloadUrlOf(transId);
    const responses = await Promise.all(Array.from({ length: 8 }, () => follow(url)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    for (const response of responses) await response.body?.cancel();
    await expectRefusal(await follow(url), 429, 'déjà été téléchargé 5 fois');
  });

  it('answers HEAD with the file’s headers without spending a download: a download manager’s or a link preview’s probe is no download', async () => {
    const transId = await paidEbook();
    const url = await downloadUrlOf(transId);
    const { pathname, search } = new URL(url);
    for (let probe = 0; probe < 5; probe++) {
      const head = await worker(`${pathname}${search}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('application/pdf');
      expect(head.headers.get('content-length')).toBe(String(FILE.byteLength));
      expect(head.headers.get('content-disposition')).toContain('attachment;');
      expect(await head.text()).toBe('');
    }
    const response = await follow(url);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE);
  });

  it('refuses a tampered token, a token of another order, a malformed or missing one with 403', async () => {
    const transId = await paidEbook();
    const other = await paidEbook();
    const url = new URL(await downloadUrlOf(transId));
    const token = url.searchParams.get('token') ?? '';
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const [expiry, mac] = token.split('.');
    const stretched = `${Number(expiry) + 3600}.${mac}`;
    const foreign = new URL(await downloadUrlOf(other)).searchParams.get('token') ?? '';
    for (const bad of [tampered, stretched, foreign, 'garbage', '']) {
      await expectRefusal(await worker(`/download/${transId}?token=${encodeURIComponent(bad)}`), 403, 'n’est pas valide');
    }
    // Nothing was counted: the genuine link still has all its downloads.
    const served = await follow(url.toString());
    expect(served.status).toBe(200);
    await served.body?.cancel();
  });

  it('speaks the order’s language on its refusal pages', async () => {
    const transId = await paidEbook('en');
    const expired = await tokenFor(transId, -1000);
    await expectRefusal(await worker(`/download/${transId}?token=${expired}`), 410, 'This download link has expired');
  });

  it('answers 404 for an unknown order, and for a paid product that has no file', async () => {
    const unknown = '1700000000000123456';
    await expectRefusal(await worker(`/download/${unknown}?token=${await tokenFor(unknown)}`), 404, 'Aucune commande');
    const shirt = (await paidOrder('success', { product: 'tshirt-m' })).transId;
    expect((await publicOrder(shirt)).downloadUrl).toBeUndefined();
    await expectRefusal(await worker(`/download/${shirt}?token=${await tokenFor(shirt)}`), 404, 'Aucune commande');
    await expectRefusal(await worker(`/download/${'x'.repeat(65)}?token=x`), 404, 'Aucune commande');
  });

  it('answers 503 without counting a download when the bucket lacks the file', async () => {
    const transId = await paidEbook();
    const url = await downloadUrlOf(transId);
    await env.FILES.delete(KEY);
    try {
      await expectRefusal(await follow(url), 503, 'pas disponible');
    } finally {
      await env.FILES.put(KEY, FILE, { httpMetadata: { contentType: 'application/pdf' } });
    }
    const responses = await Promise.all(Array.from({ length: 5 }, () => follow(url)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    for (const response of responses) await response.body?.cancel();
  });

  it('is rate limited per client, as the status reads are', async () => {
    const transId = '1700000000000123456';
    let status = 0;
    // The limit (120 a minute) counts in fixed windows: a run that crosses a minute boundary needs up to twice as many to reach it.
    for (let i = 0; i < 245 && status !== 429; i++) {
      const response = await worker(`/download/${transId}?token=bad`, { headers: { 'cf-connecting-ip': '203.0.113.99' } });
      status = response.status;
      await response.body?.cancel();
    }
    expect(status).toBe(429);
  });

  it('puts the download button on the paid order’s receipt, in its language; a product without a file gets none', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const transId = await paidEbook(lang);
      const receipt = await worker(`/receipt/${transId}`);
      expect(receipt.status).toBe(200);
      const page = await receipt.text();
      const href = /<a class="download" href="([^"]+)" download>([^<]+)<\/a>/.exec(page);
      expect(href?.[1]?.replaceAll('&amp;', '&')).toBe(await downloadUrlOf(transId));
      expect(href?.[2]).toBe(lang === 'fr' ? 'Télécharger votre fichier' : 'Download your file');
      const file = await follow(href?.[1]?.replaceAll('&amp;', '&') ?? '');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(FILE);
    }
    const shirt = (await paidOrder('success', { product: 'tshirt-m' })).transId;
    expect(await (await worker(`/receipt/${shirt}`)).text()).not.toContain('class="download"');
  });
});
