/**
 * `npx tsx scripts/screenshots.ts`: the PNGs under docs/ that show what a
 * customer sees, in French and English: the demo shop, the button while the
 * payment starts and after it failed, the confirmed return page after a
 * real payment through the local sandbox, a payment link's page on a phone,
 * and the download button of a paid e-book. Starts its own stack
 * (SCREENSHOT_WORKER_PORT / SCREENSHOT_SANDBOX_PORT, default 18797 / 18798);
 * run `npm run build` first. `customerScreenshots` takes the same PNGs from
 * a stack that is already running, into any folder.
 */

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { newPage, onOwnStack, payOnHostedPage, type ShotTarget } from './doc-screenshots';
import { isEntryPoint } from './entry-point';

const LANGS = ['fr', 'en'] as const;
type Lang = (typeof LANGS)[number];
const CONFIRMED_MS = 20_000;

export interface CustomerShots extends ShotTarget {
  /** The Worker (its `sandbox` environment, serving the demo shop) and the sandbox it pays through. */
  readonly workerUrl: string;
  readonly sandboxUrl: string;
}

function shopUrl(worker: string, lang: Lang): string {
  return `${worker}/${lang === 'en' ? 'en/' : ''}`;
}

function payLinkUrl(worker: string, lang: Lang): string {
  return `${worker}/pay/ebook-attieke${lang === 'en' ? '?lang=en' : ''}`;
}

async function shop(browser: Browser, worker: string, lang: Lang, outDir: string): Promise<string> {
  const page = await newPage(browser);
  await page.goto(shopUrl(worker, lang));
  await page.locator('#tshirt-m cinetpay-button button').filter({ hasText: 'CFA' }).waitFor();
  const path = join(outDir, `demo-shop-${lang}.png`);
  await page.screenshot({ path, fullPage: true });
  await page.context().close();
  return path;
}

/** The T-shirt card while its checkout request is held, then after the Worker could not be reached. */
async function buttonStates(browser: Browser, worker: string, lang: Lang, outDir: string): Promise<string[]> {
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
  const loading = join(outDir, `button-loading-${lang}.png`);
  await card.screenshot({ path: loading });
  release();
  await card.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
  const error = join(outDir, `button-error-${lang}.png`);
  await card.screenshot({ path: error });
  await page.context().close();
  return [loading, error];
}

/** A real payment: shop, hosted page, Orange Money success, return page once the Worker verified it. */
async function confirmed(browser: Browser, worker: string, sandbox: string, lang: Lang, outDir: string): Promise<string> {
  const page = await newPage(browser);
  await page.goto(shopUrl(worker, lang));
  await page.locator('#tshirt-m cinetpay-button button').click();
  await payOnHostedPage(page, sandbox);
  await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor({ timeout: CONFIRMED_MS });
  const path = join(outDir, `return-confirmed-${lang}.png`);
  await page.screenshot({ path });
  await page.context().close();
  return path;
}

/** `/pay/ebook-attieke` as a customer opens it from a WhatsApp message: a phone's width. */
async function payLink(browser: Browser, worker: string, lang: Lang, outDir: string): Promise<string> {
  const page = await newPage(browser, { width: 390, height: 640 }, { javaScriptEnabled: false });
  await page.goto(payLinkUrl(worker, lang));
  const path = join(outDir, `pay-link-${lang}.png`);
  await page.screenshot({ path });
  await page.context().close();
  return path;
}

/** The e-book bought through its payment link, paid: the return page with its download button. */
async function downloadReady(browser: Browser, worker: string, sandbox: string, lang: Lang, outDir: string): Promise<string> {
  const page = await newPage(browser);
  await page.goto(payLinkUrl(worker, lang));
  await page.locator('button[type="submit"]').click();
  await payOnHostedPage(page, sandbox);
  await page.locator('cinetpay-status [part="download"]').waitFor({ timeout: CONFIRMED_MS });
  const path = join(outDir, `return-download-${lang}.png`);
  await page.screenshot({ path });
  await page.context().close();
  return path;
}

/**
 * Writes demo-shop, button-loading, button-error, return-confirmed, pay-link
 * and return-download, each `-fr.png` and `-en.png`, into `outDir`; pays
 * four orders (two T-shirts, two e-books) on the stack. Returns the paths.
 */
export async function customerScreenshots({ browser, outDir, workerUrl, sandboxUrl }: CustomerShots): Promise<string[]> {
  const written: string[] = [];
  for (const lang of LANGS) {
    written.push(await shop(browser, workerUrl, lang, outDir));
    written.push(...(await buttonStates(browser, workerUrl, lang, outDir)));
    written.push(await confirmed(browser, workerUrl, sandboxUrl, lang, outDir));
    written.push(await payLink(browser, workerUrl, lang, outDir));
    written.push(await downloadReady(browser, workerUrl, sandboxUrl, lang, outDir));
  }
  return written;
}

if (isEntryPoint(import.meta.url)) {
  await onOwnStack(
    { workerVariable: 'SCREENSHOT_WORKER_PORT', workerDefault: 18_797, sandboxVariable: 'SCREENSHOT_SANDBOX_PORT', sandboxDefault: 18_798 },
    (stack, target) => customerScreenshots({ ...target, workerUrl: stack.workerUrl, sandboxUrl: stack.sandboxUrl }),
  );
}
