/**
 * `npx tsx scripts/notice-screenshots.ts`: the PNGs under docs/ that show
 * what a shop without a backend gets from a paid order: the customer's
 * printable receipt (French and English), the merchant's notice email as the
 * local `send_email` binding captured it (wrangler dev writes each message to
 * a .eml file and logs its path; this script reads that file back and renders
 * it the way a mail client shows it), and the chat notices the sandbox's
 * Telegram, Slack and Discord stand-ins received. A real payment through the
 * local stack (NOTICE_SCREENSHOT_WORKER_PORT / NOTICE_SCREENSHOT_SANDBOX_PORT,
 * default 18807 / 18808); run `npm run build` first.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { html } from '../shared/html';
import { readEmail } from '../test/support/read-email';
import { launchChromium } from './chromium';
import { startStack } from './stack';
import { ROOT } from './wrangler-dev';

const DOCS = join(ROOT, 'docs');
const WAIT_MS = 20_000;

async function newPage(browser: Browser, width = 900, height = 760): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  return context.newPage();
}

/** Pays the T-shirt through the demo shop and the sandbox's hosted page; returns its transaction id. */
async function pay(browser: Browser, worker: string, sandbox: string): Promise<string> {
  const page = await newPage(browser, 1180, 900);
  await page.goto(`${worker}/`);
  await page.locator('#tshirt-m cinetpay-button button').click();
  await page.waitForURL(`${sandbox}/`);
  await page.locator('[data-outcome="success-om"]').click();
  await page.waitForURL(/\/success(\.html)?\?/);
  await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor({ timeout: WAIT_MS });
  const transId = new URL(page.url()).searchParams.get('trans_id');
  await page.context().close();
  if (!transId) throw new Error('the return page has no trans_id');
  return transId;
}

async function receipt(browser: Browser, worker: string, transId: string, lang: 'fr' | 'en'): Promise<void> {
  const page = await newPage(browser);
  const response = await page.goto(`${worker}/receipt/${transId}?lang=${lang}`);
  if (response?.status() !== 200) throw new Error(`the receipt answered ${response?.status()}`);
  await page.screenshot({ path: join(DOCS, `receipt-${lang}.png`), fullPage: true });
  await page.context().close();
}

/** The path of the .eml file the local send_email binding wrote for this order, from the Worker's log. */
async function capturedEmail(logFile: string, transId: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const paths = readFileSync(logFile, 'utf8').match(/\/\S+\.eml/g) ?? [];
    const mine = paths.map((path) => readFileSync(path, 'utf8')).find((raw) => raw.includes(`Message-ID: <notice.${transId}@`));
    if (mine) return mine;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no email captured for ${transId} in ${logFile}`);
}

/** The captured message as a mail client shows it: its headers, then its HTML part. */
async function email(browser: Browser, raw: string): Promise<void> {
  const message = readEmail(raw);
  const page = await newPage(browser, 760, 640);
  const header = (name: string) => message.headers.get(name) ?? '';
  const envelope = html`<div style="font:14px/1.6 system-ui,sans-serif;padding:12px 24px;border-bottom:1px solid #ddd;background:#fff">
<div><b>${header('subject')}</b></div>
<div style="color:#555">De : ${header('from')}</div>
<div style="color:#555">À : ${header('to')} · ${header('date')}</div>
</div>`;
  await page.setContent(message.html.replace(/<body([^>]*)>/, (body) => `${body}${envelope.value}`));
  await page.screenshot({ path: join(DOCS, 'notice-email-fr.png'), fullPage: true });
  await page.context().close();
}

/** The sandbox dashboard's table of what the Telegram, Slack and Discord stand-ins received. */
async function chats(browser: Browser, sandbox: string): Promise<void> {
  const page = await newPage(browser, 1180, 900);
  await page.goto(`${sandbox}/__sandbox/`);
  const heading = page.getByRole('heading', { name: /Paid-order notices/ });
  await heading.waitFor();
  await heading.locator('xpath=following-sibling::table[1]').screenshot({ path: join(DOCS, 'notice-chats-sandbox.png') });
  await page.context().close();
}

async function main(): Promise<void> {
  const workerPort = Number(process.env['NOTICE_SCREENSHOT_WORKER_PORT'] ?? 18_807);
  const sandboxPort = Number(process.env['NOTICE_SCREENSHOT_SANDBOX_PORT'] ?? 18_808);
  const home = mkdtempSync(join(tmpdir(), 'cinetpay-notice-screenshots-'));
  const stack = await startStack({ workerPort, sandboxPort });
  const browser = await launchChromium(home);
  try {
    const transId = await pay(browser, stack.workerUrl, stack.sandboxUrl);
    await receipt(browser, stack.workerUrl, transId, 'fr');
    await receipt(browser, stack.workerUrl, transId, 'en');
    await email(browser, await capturedEmail(stack.worker.logFile, transId));
    await chats(browser, stack.sandboxUrl);
    console.log('docs/receipt-fr.png, receipt-en.png, notice-email-fr.png, notice-chats-sandbox.png written');
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
