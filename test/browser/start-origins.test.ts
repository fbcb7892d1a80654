/**
 * A merchant trying the button on their own site, served by its own dev
 * server on another origin: a stack that does not list that origin refuses
 * it in words the customer understands, and `ALLOWED_ORIGINS=<origin> npm
 * start` lets it pay end to end with the snippet it prints, pasted as is.
 * Ports: BROWSER_SITE_PORT (18790) for the merchant's site,
 * BROWSER_START_WORKER_PORT and BROWSER_START_SANDBOX_PORT (18791, 18792)
 * for the `npm start` this file runs.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/wrangler-dev';
import { choose, expectText, launchBrowser, returnPage, statusCard, type TestBrowser, TestPages, urls, waitForPage, waitForWidgetEvents } from './support';

const SITE_PORT = Number(process.env['BROWSER_SITE_PORT'] ?? 18_790);
const START_WORKER_PORT = Number(process.env['BROWSER_START_WORKER_PORT'] ?? 18_791);
const START_SANDBOX_PORT = Number(process.env['BROWSER_START_SANDBOX_PORT'] ?? 18_792);
const STARTED = 'Press Ctrl-C to stop.';

const { worker } = urls();
let chromium: TestBrowser;
let site: TestPages;

function sitePage(snippet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My own shop</title></head><body><h1>My own shop</h1>${snippet}</body></html>`;
}

beforeAll(async () => {
  chromium = await launchBrowser();
  site = await TestPages.start(`http://127.0.0.1:${SITE_PORT}`);
});

afterAll(async () => {
  await chromium.close();
  await site.close();
});

describe('a page on an origin the Worker does not list', () => {
  it('is refused: FORBIDDEN_ORIGIN in the event, "Payment is not available on this site." for the customer', async () => {
    const url = site.set(
      '/refused.html',
      sitePage(
        `<script type="module" src="${worker}/cinetpay-button.js"></script><cinetpay-button endpoint="${worker}" product="casquette"></cinetpay-button>`,
      ),
    );
    const page = await chromium.newPage();
    await page.goto(url);
    await page.locator('cinetpay-button button').click();
    const [refused] = await waitForWidgetEvents(page, 'cinetpay-error');
    expect(refused?.detail).toEqual({ code: 'FORBIDDEN_ORIGIN', message: 'Payment is not available on this site.', status: 403 });
    await expectText(page.getByRole('alert'), 'Payment is not available on this site.');
    expect(page.url()).toBe(url);
  });
});

describe('ALLOWED_ORIGINS=<the site> npm start', () => {
  let start: ChildProcess;
  let printed = '';

  beforeAll(async () => {
    start = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'start.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ALLOWED_ORIGINS: site.origin, WORKER_PORT: String(START_WORKER_PORT), SANDBOX_PORT: String(START_SANDBOX_PORT) },
    });
    await new Promise<void>((done, fail) => {
      const read = (chunk: Buffer): void => {
        printed += chunk.toString('utf8');
        if (printed.includes(STARTED)) done();
      };
      start.stdout?.on('data', read);
      start.stderr?.on('data', read);
      start.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${printed}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (start.exitCode === null) {
      const exited = new Promise((done) => start.once('exit', done));
      start.kill('SIGINT');
      await exited;
    }
    rmSync(join(ROOT, '.tmp', `state-${START_WORKER_PORT}`), { recursive: true, force: true });
  });

  it('prints the snippet for that site, which pays end to end there, in English', async () => {
    const startWorker = `http://127.0.0.1:${START_WORKER_PORT}`;
    expect(printed).toContain(`${site.origin} may show the button`);
    const snippet = printed
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('<script type="module"') || line.startsWith('<cinetpay-button '));
    expect(snippet).toEqual([
      `<script type="module" src="${startWorker}/cinetpay-button.js"></script>`,
      `<cinetpay-button endpoint="${startWorker}" product="tshirt-m"></cinetpay-button>`,
    ]);
    const page = await chromium.newPage();
    await page.goto(site.set('/allowed.html', sitePage(snippet.join('\n'))));
    await page.locator('cinetpay-button button').click();
    await waitForPage(page, `http://127.0.0.1:${START_SANDBOX_PORT}/`);
    await choose(page, 'success-om');
    await waitForPage(page, returnPage(startWorker, 'success', 'en'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Payment confirmed');
    expect(card).toContain('CinetPay T-shirt (M)');

    // The README's admin API call, on this npm start: the order is there, ACCEPTED.
    const listed = await fetch(`${startWorker}/admin/orders`, { headers: { authorization: 'Bearer sandbox-admin-token' } });
    expect(listed.status).toBe(200);
    const { orders } = (await listed.json()) as { orders: { status: string; designation: string }[] };
    expect(orders).toContainEqual(expect.objectContaining({ status: 'ACCEPTED', designation: 'CinetPay T-shirt (M)' }));
  });
});
