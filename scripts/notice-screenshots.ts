/**
 * `npx tsx scripts/notice-screenshots.ts`: the PNGs under docs/ that show
 * what a shop without a backend gets from a paid order: the customer's
 * printable receipt (French and English), the merchant's notice email as the
 * local `send_email` binding captured it (wrangler dev writes each message to
 * a .eml file and logs its path; this script reads that file back and renders
 * it the way a mail client shows it), and the chat notices the sandbox's
 * Telegram, Slack and Discord stand-ins received. A real payment through the
 * local stack (NOTICE_SCREENSHOT_WORKER_PORT / NOTICE_SCREENSHOT_SANDBOX_PORT,
 * default 18807 / 18808); run `npm run build` first. `noticeScreenshots`
 * takes the same PNGs from a stack that is already running, into any folder.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { html } from '../shared/html';
import { readEmail } from '../test/support/read-email';
import { DESKTOP, newPage, onOwnStack, payOnHostedPage, type ShotTarget } from './doc-screenshots';
import { isEntryPoint } from './entry-point';

const WAIT_MS = 20_000;
const RECEIPT = { width: 900, height: 760 };
const EMAIL = { width: 760, height: 640 };

export interface NoticeShots extends ShotTarget {
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  /** The Worker's `wrangler dev` log, where the local send_email binding prints the path of each .eml it writes. */
  readonly workerLog: string;
}

/** Pays the T-shirt through the demo shop and the sandbox's hosted page; returns its transaction id. */
async function pay(browser: Browser, worker: string, sandbox: string): Promise<string> {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${worker}/`);
  await page.locator('#tshirt-m cinetpay-button button').click();
  const transId = await payOnHostedPage(page, sandbox);
  await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor({ timeout: WAIT_MS });
  await page.context().close();
  return transId;
}

async function receipt(browser: Browser, worker: string, transId: string, lang: 'fr' | 'en', outDir: string): Promise<string> {
  const page = await newPage(browser, RECEIPT);
  const response = await page.goto(`${worker}/receipt/${transId}?lang=${lang}`);
  if (response?.status() !== 200) throw new Error(`the receipt answered ${response?.status()}`);
  const path = join(outDir, `receipt-${lang}.png`);
  await page.screenshot({ path, fullPage: true });
  await page.context().close();
  return path;
}

/** The raw message the local send_email binding wrote for this order, found through the Worker's log. */
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
async function email(browser: Browser, raw: string, outDir: string): Promise<string> {
  const message = readEmail(raw);
  const page = await newPage(browser, EMAIL);
  const header = (name: string) => message.headers.get(name) ?? '';
  const envelope = html`<div style="font:14px/1.6 system-ui,sans-serif;padding:12px 24px;border-bottom:1px solid #ddd;background:#fff">
<div><b>${header('subject')}</b></div>
<div style="color:#555">De : ${header('from')}</div>
<div style="color:#555">À : ${header('to')} · ${header('date')}</div>
</div>`;
  await page.setContent(message.html.replace(/<body([^>]*)>/, (body) => `${body}${envelope.value}`));
  const path = join(outDir, 'notice-email-fr.png');
  await page.screenshot({ path, fullPage: true });
  await page.context().close();
  return path;
}

/** The sandbox dashboard's table of what the Telegram, Slack and Discord stand-ins received. */
async function chats(browser: Browser, sandbox: string, outDir: string): Promise<string> {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${sandbox}/__sandbox/`);
  const heading = page.getByRole('heading', { name: /Paid-order notices/ });
  await heading.waitFor();
  const path = join(outDir, 'notice-chats-sandbox.png');
  await heading.locator('xpath=following-sibling::table[1]').screenshot({ path });
  await page.context().close();
  return path;
}

/**
 * Pays one T-shirt on the stack, then writes receipt-fr, receipt-en,
 * notice-email-fr and notice-chats-sandbox (every chat notice the sandbox
 * holds) into `outDir`. Returns the paths.
 */
export async function noticeScreenshots({ browser, outDir, workerUrl, sandboxUrl, workerLog }: NoticeShots): Promise<string[]> {
  const transId = await pay(browser, workerUrl, sandboxUrl);
  return [
    await receipt(browser, workerUrl, transId, 'fr', outDir),
    await receipt(browser, workerUrl, transId, 'en', outDir),
    await email(browser, await capturedEmail(workerLog, transId), outDir),
    await chats(browser, sandboxUrl, outDir),
  ];
}

if (isEntryPoint(import.meta.url)) {
  await onOwnStack(
    { workerVariable: 'NOTICE_SCREENSHOT_WORKER_PORT', workerDefault: 18_807, sandboxVariable: 'NOTICE_SCREENSHOT_SANDBOX_PORT', sandboxDefault: 18_808 },
    (stack, target) => noticeScreenshots({ ...target, workerUrl: stack.workerUrl, sandboxUrl: stack.sandboxUrl, workerLog: stack.worker.logFile }),
  );
}
