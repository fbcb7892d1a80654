/**
 * What the scripts that take the documentation's screenshots share. Each
 * script exports a function that takes its PNGs from a stack that is
 * already running, with a browser it is given, into a folder it is given,
 * and returns the files it wrote: the browser suite calls those functions on
 * its own stacks (test/browser/doc-screenshots.test.ts). Each script's
 * command line starts a stack of its own and Chromium, and writes into
 * docs/, through `onOwnStack` here.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { type Stack, startStack } from './stack';
import { ROOT } from './wrangler-dev';

/** Where the command lines write: the folder the README and docs/*.md show the images from. */
export const DOCS = join(ROOT, 'docs');

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export const DESKTOP: Viewport = { width: 1180, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

/** What every screenshot function takes: a launched browser and the folder its PNGs go to. */
export interface ShotTarget {
  readonly browser: Browser;
  readonly outDir: string;
}

/** A page in a fresh context of `viewport`, at one device pixel per CSS pixel unless `extra` says otherwise. */
export async function newPage(browser: Browser, viewport: Viewport = DESKTOP, extra: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...extra });
  return context.newPage();
}

/**
 * On a page of the Worker's demo shop or payment link: the customer reaches
 * the sandbox's hosted page, pays by Orange Money, and comes back to the
 * success page; returns the transaction id it carries.
 */
export async function payOnHostedPage(page: Page, sandbox: string): Promise<string> {
  await page.waitForURL(`${sandbox}/`);
  await page.locator('[data-outcome="success-om"]').click();
  await page.waitForURL(/\/success(\.html)?\?/);
  const transId = new URL(page.url()).searchParams.get('trans_id');
  if (!transId) throw new Error(`the return page has no trans_id: ${page.url()}`);
  return transId;
}

/** The environment variables that choose a script's own stack's ports, and their defaults. */
export interface OwnPorts {
  readonly workerVariable: string;
  readonly workerDefault: number;
  readonly sandboxVariable: string;
  readonly sandboxDefault: number;
}

/**
 * A command line's run: starts a stack of its own on the ports the
 * environment gives, and Chromium with its profile in a temp folder; lets
 * `take` write its PNGs into docs/; prints them; stops everything.
 */
export async function onOwnStack(ports: OwnPorts, take: (stack: Stack, target: ShotTarget) => Promise<readonly string[]>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'cinetpay-screenshots-'));
  const stack = await startStack({
    workerPort: Number(process.env[ports.workerVariable] ?? ports.workerDefault),
    sandboxPort: Number(process.env[ports.sandboxVariable] ?? ports.sandboxDefault),
    portVariables: { worker: ports.workerVariable, sandbox: ports.sandboxVariable },
  });
  try {
    const browser = await launchChromium(home);
    try {
      const written = await take(stack, { browser, outDir: DOCS });
      console.log(`written: ${written.map((file) => relative(ROOT, file)).join(', ')}`);
    } finally {
      await browser.close();
    }
  } finally {
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
