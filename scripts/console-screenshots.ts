/**
 * `npx tsx scripts/console-screenshots.ts`: the PNGs under docs/ that show
 * the merchant console, in French and English: the overview, the orders list
 * and one order's timeline at a phone's width (390 px), and the overview on
 * a desktop. Starts its own stack (CONSOLE_SCREENSHOT_WORKER_PORT /
 * CONSOLE_SCREENSHOT_SANDBOX_PORT, default 18807 / 18808), makes a few
 * orders through the sandbox (paid by three methods, one left pending), and
 * fails if a view is wider than the phone. Run `npm run build` first.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { payOrder, startOrder, until } from '../test/browser/console-support';
import { launchChromium } from './chromium';
import { startStack } from './stack';
import { ROOT } from './wrangler-dev';

const DOCS = join(ROOT, 'docs');
const LANGS = ['fr', 'en'] as const;
type Lang = (typeof LANGS)[number];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1180, height: 900 };

/** A signed-in page in `lang`; the console keeps the language in localStorage. */
async function signedIn(browser: Browser, worker: string, lang: Lang, viewport: typeof PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript((chosen) => localStorage.setItem('cinetpay-console-lang', chosen), lang);
  const page = await context.newPage();
  await page.goto(`${worker}/admin/`);
  await page.locator('console-sign-in input[name="token"]').fill('sandbox-admin-token');
  await page.locator('console-sign-in button[type="submit"]').click();
  await page.locator('console-overview h3').first().waitFor();
  return page;
}

/** Screenshots the page, after checking that nothing overflows the viewport sideways. */
async function shoot(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${name}: the page is ${overflow} px wider than the viewport`);
  await page.screenshot({ path: join(DOCS, name), fullPage: true });
}

async function views(browser: Browser, worker: string, lang: Lang, paidId: string): Promise<void> {
  const phone = await signedIn(browser, worker, lang, PHONE);
  await phone.locator('console-overview [data-balance="account"]').waitFor();
  await shoot(phone, `console-overview-phone-${lang}.png`);
  await phone.goto(`${worker}/admin/#/orders`);
  await phone.locator('console-orders[data-loaded=""]').waitFor();
  await shoot(phone, `console-orders-phone-${lang}.png`);
  await phone.goto(`${worker}/admin/#/orders/${paidId}`);
  await phone.locator('console-order .timeline li[data-kind="delivery"]').first().waitFor();
  await shoot(phone, `console-timeline-phone-${lang}.png`);
  await phone.context().close();
  const desktop = await signedIn(browser, worker, lang, DESKTOP);
  await desktop.locator('console-overview [data-balance="account"]').waitFor();
  await shoot(desktop, `console-overview-${lang}.png`);
  await desktop.context().close();
}

async function main(): Promise<void> {
  const workerPort = Number(process.env['CONSOLE_SCREENSHOT_WORKER_PORT'] ?? 18_807);
  const sandboxPort = Number(process.env['CONSOLE_SCREENSHOT_SANDBOX_PORT'] ?? 18_808);
  const home = mkdtempSync(join(tmpdir(), 'cinetpay-console-screenshots-'));
  const stack = await startStack({ workerPort, sandboxPort });
  const browser = await launchChromium(home);
  try {
    const worker = stack.workerUrl;
    const sales: [Record<string, unknown>, string | null][] = [
      [{ product: 'tshirt-m' }, 'OM'],
      [{ product: 'casquette' }, 'MOMO'],
      [{ product: 'ebook-attieke' }, 'FLOOZ'],
      [{ amount: 2000, designation: 'Cantine scolaire' }, 'OM'],
      [{ product: 'casquette' }, null],
    ];
    let paidId = '';
    for (const [body, method] of sales) {
      const started = await startOrder(worker, body);
      if (method) {
        await payOrder(stack.sandboxUrl, started, method);
        paidId = started.transId;
      }
    }
    await until(async () => {
      const response = await fetch(`${worker}/admin/orders?status=ACCEPTED`, { headers: { authorization: 'Bearer sandbox-admin-token' } });
      const { orders } = (await response.json()) as { orders: unknown[] };
      return orders.length === 4 ? true : undefined;
    });
    for (const lang of LANGS) {
      await views(browser, worker, lang, paidId);
      console.log(`docs/console-*-${lang}.png written`);
    }
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
