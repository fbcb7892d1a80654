/**
 * `npx tsx scripts/screenshots.ts`: the PNGs under docs/ that show what a
 * customer sees, in French and English: the demo shop, the button while the
 * payment starts and after it failed, the confirmed return page after a
 * real payment through the local sandbox, a payment link's page on a phone,
 * and the download button of a paid e-book. Starts its own stack
 * (SCREENSHOT_WORKER_PORT / SCREENSHOT_SANDBOX_PORT, default 18797 / 18798);
 * run `npm run build` first.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startStack } from './stack';
import { ROOT } from './wrangler-dev';

const DOCS = join(ROOT, 'docs');
const LANGS = ['fr', 'en'] as const;
type Lang = (typeof LANGS)[number];

function shopUrl(worker: string, lang: Lang): string {
  return `${worker}/${lang === 'en' ? 'en/' : ''}`;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
  return context.newPage();
}

async function shop(browser: Browser, worker: string, lang: Lang): Promise<void> {
  const page = await newPage(browser);
  await page.goto(shopUrl(worker, lang));
  await page.locator('#tshirt-m cinetpay-button button').filter({ hasText: 'CFA' }).waitFor();
  await page.screenshot({ path: join(DOCS, `demo-shop-${lang}.png`), fullPage: true });
  await page.context().close();
}

/** The T-shirt card while its checkout request is held, then after the Worker could not be reached. */
async function buttonStates(browser: Browser, worker: string, lang: Lang): Promise<void> {
  const page = await newPage(browser);
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => {
    release = done;
  });
  await page.route(`${worker}/api/checkout`, async (route) => {
    await held;
    await route.abort('connectionrefused');
  });
  await page.goto(shopUrl(worker, lang));
  const card = page.locator('#tshirt-m');
  await card.locator('cinetpay-button button').filter({ hasText: 'CFA' }).waitFor();
  await card.locator('cinetpay-button button').click();
  await page.locator('#tshirt-m cinetpay-button[loading]').waitFor();
  await page.mouse.move(0, 0);
  await card.screenshot({ path: join(DOCS, `button-loading-${lang}.png`) });
  release();
  await card.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
  await card.screenshot({ path: join(DOCS, `button-error-${lang}.png`) });
  await page.context().close();
}

/** A real payment: shop, hosted page, Orange Money success, return page once the Worker verified it. */
async function confirmed(browser: Browser, worker: string, sandbox: string, lang: Lang): Promise<void> {
  const page = await newPage(browser);
  await page.goto(shopUrl(worker, lang));
  await page.locator('#tshirt-m cinetpay-button button').click();
  await page.waitForURL(`${sandbox}/`);
  await page.locator('[data-outcome="success-om"]').click();
  await page.waitForURL(/\/success(\.html)?\?/);
  await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(DOCS, `return-confirmed-${lang}.png`) });
  await page.context().close();
}

/** `/pay/ebook-attieke` as a customer opens it from a WhatsApp message: a phone's width. */
async function payLink(browser: Browser, worker: string, lang: Lang): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 390, height: 640 }, deviceScaleFactor: 1, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${worker}/pay/ebook-attieke${lang === 'en' ? '?lang=en' : ''}`);
  await page.screenshot({ path: join(DOCS, `pay-link-${lang}.png`) });
  await context.close();
}

/** The e-book bought through its payment link, paid: the return page with its download button. */
async function downloadReady(browser: Browser, worker: string, sandbox: string, lang: Lang): Promise<void> {
  const page = await newPage(browser);
  await page.goto(`${worker}/pay/ebook-attieke${lang === 'en' ? '?lang=en' : ''}`);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${sandbox}/`);
  await page.locator('[data-outcome="success-om"]').click();
  await page.waitForURL(/\/success(\.html)?\?/);
  await page.locator('cinetpay-status [part="download"]').waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(DOCS, `return-download-${lang}.png`) });
  await page.context().close();
}

async function main(): Promise<void> {
  const workerPort = Number(process.env['SCREENSHOT_WORKER_PORT'] ?? 18_797);
  const sandboxPort = Number(process.env['SCREENSHOT_SANDBOX_PORT'] ?? 18_798);
  const home = mkdtempSync(join(tmpdir(), 'cinetpay-screenshots-'));
  const stack = await startStack({ workerPort, sandboxPort });
  const browser = await launchChromium(home);
  try {
    for (const lang of LANGS) {
      await shop(browser, stack.workerUrl, lang);
      await buttonStates(browser, stack.workerUrl, lang);
      await confirmed(browser, stack.workerUrl, stack.sandboxUrl, lang);
      await payLink(browser, stack.workerUrl, lang);
      await downloadReady(browser, stack.workerUrl, stack.sandboxUrl, lang);
      console.log(`docs/*-${lang}.png written`);
    }
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
