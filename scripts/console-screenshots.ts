/**
 * `npx tsx scripts/console-screenshots.ts`: the PNGs under docs/ that show
 * the merchant console, in French and English: the overview, the orders list
 * and one order's timeline at a phone's width (390 px), and the overview on
 * a desktop. Starts its own stack (CONSOLE_SCREENSHOT_WORKER_PORT /
 * CONSOLE_SCREENSHOT_SANDBOX_PORT, default 18807 / 18808), makes a few
 * orders through the sandbox (paid by three methods, one left pending), and
 * fails if a view is wider than the phone. Run `npm run build` first.
 * `consoleScreenshots` takes the same PNGs from a stack that is already
 * running, into any folder.
 */

import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { payOrder, startOrder, until } from '../test/browser/console-support';
import { DESKTOP, onOwnStack, PHONE, type ShotTarget, type Viewport } from './doc-screenshots';
import { isEntryPoint } from './entry-point';

const LANGS = ['fr', 'en'] as const;
type Lang = (typeof LANGS)[number];
const ADMIN_TOKEN = 'sandbox-admin-token';

export interface ConsoleShots extends ShotTarget {
  readonly workerUrl: string;
  readonly sandboxUrl: string;
}

type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs in once, by the form, and keeps the session cookie: every view then
 * opens in a context of its own with that cookie, so that the whole run costs
 * one of the five sign-ins a minute SIGNIN_LIMIT allows.
 */
async function signIn(browser: Browser, worker: string): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${worker}/admin/`);
  await page.locator('console-sign-in input[name="token"]').fill(ADMIN_TOKEN);
  await page.locator('console-sign-in button[type="submit"]').click();
  await overviewShown(page);
  const session = await context.storageState();
  await context.close();
  return session;
}

/** A signed-in page in `lang`; the console keeps the language in localStorage. */
async function signedIn(browser: Browser, worker: string, session: Session, lang: Lang, viewport: Viewport): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, storageState: session });
  await context.addInitScript((chosen) => localStorage.setItem('cinetpay-console-lang', chosen), lang);
  const page = await context.newPage();
  await page.goto(`${worker}/admin/`);
  await overviewShown(page);
  return page;
}

/** Waits for the console's overview; if it does not come, says what the console shows instead (the sign-in form, an alert). */
async function overviewShown(page: Page): Promise<void> {
  try {
    await page.locator('console-overview h3').first().waitFor();
  } catch (error) {
    // Playwright's CSS locators pierce the console's shadow roots; the body's own text would not.
    const alerts = await page
      .locator('[role="alert"], .error')
      .allInnerTexts()
      .catch(() => []);
    const signInForm = await page
      .locator('console-sign-in input[name="token"]')
      .isVisible()
      .catch(() => false);
    const where = signInForm ? 'still on the sign-in form' : 'past the sign-in form';
    throw new Error(`the console's overview did not show at ${page.url()}: ${where}; alerts: ${JSON.stringify(alerts)}`, { cause: error });
  }
}

/** Screenshots the page, after checking that nothing overflows the viewport sideways. */
async function shoot(page: Page, outDir: string, name: string): Promise<string> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${name}: the page is ${overflow} px wider than the viewport`);
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function views(browser: Browser, worker: string, session: Session, lang: Lang, paidId: string, outDir: string): Promise<string[]> {
  const phone = await signedIn(browser, worker, session, lang, PHONE);
  await phone.locator('console-overview [data-balance="account"]').waitFor();
  const written = [await shoot(phone, outDir, `console-overview-phone-${lang}.png`)];
  await phone.goto(`${worker}/admin/#/orders`);
  await phone.locator('console-orders[data-loaded=""]').waitFor();
  written.push(await shoot(phone, outDir, `console-orders-phone-${lang}.png`));
  await phone.goto(`${worker}/admin/#/orders/${paidId}`);
  await phone.locator('console-order .timeline li[data-kind="delivery"]').first().waitFor();
  written.push(await shoot(phone, outDir, `console-timeline-phone-${lang}.png`));
  await phone.context().close();
  const desktop = await signedIn(browser, worker, session, lang, DESKTOP);
  await desktop.locator('console-overview [data-balance="account"]').waitFor();
  written.push(await shoot(desktop, outDir, `console-overview-${lang}.png`));
  await desktop.context().close();
  return written;
}

/** Whether the Worker's order index lists `transId` as ACCEPTED: the console's lists read that index. */
async function listedAsAccepted(worker: string, transId: string): Promise<true | undefined> {
  const response = await fetch(`${worker}/admin/orders?transId=${encodeURIComponent(transId)}&status=ACCEPTED`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const { orders } = (await response.json()) as { orders: unknown[] };
  return orders.length === 1 ? true : undefined;
}

/**
 * Makes five orders (four paid by Orange Money, MTN MoMo, Moov Flooz and
 * Orange Money again, one left pending), then writes console-overview-phone,
 * console-orders-phone, console-timeline-phone and console-overview, each
 * `-fr.png` and `-en.png`, into `outDir`. The views show every order the
 * stack holds. Returns the paths.
 */
export async function consoleScreenshots({ browser, outDir, workerUrl, sandboxUrl }: ConsoleShots): Promise<string[]> {
  const sales: [Record<string, unknown>, string | null][] = [
    [{ product: 'tshirt-m' }, 'OM'],
    [{ product: 'casquette' }, 'MOMO'],
    [{ product: 'ebook-attieke' }, 'FLOOZ'],
    [{ amount: 2000, designation: 'Cantine scolaire' }, 'OM'],
    [{ product: 'casquette' }, null],
  ];
  const paid: string[] = [];
  for (const [body, method] of sales) {
    const started = await startOrder(workerUrl, body);
    if (method) {
      await payOrder(sandboxUrl, started, method);
      paid.push(started.transId);
    }
  }
  for (const transId of paid) await until(() => listedAsAccepted(workerUrl, transId));
  const timeline = paid.at(-1);
  if (timeline === undefined) throw new Error('no order was paid');
  const session = await signIn(browser, workerUrl);
  const written: string[] = [];
  for (const lang of LANGS) written.push(...(await views(browser, workerUrl, session, lang, timeline, outDir)));
  return written;
}

if (isEntryPoint(import.meta.url)) {
  await onOwnStack(
    {
      workerVariable: 'CONSOLE_SCREENSHOT_WORKER_PORT',
      workerDefault: 18_807,
      sandboxVariable: 'CONSOLE_SCREENSHOT_SANDBOX_PORT',
      sandboxDefault: 18_808,
    },
    (stack, target) => consoleScreenshots({ ...target, workerUrl: stack.workerUrl, sandboxUrl: stack.sandboxUrl }),
  );
}
