/**
 * What every browser test needs: Chromium (the system's, driven by
 * playwright-core), the stack's URLs, a recorder of the requests a page
 * makes, a capture of the widget's events and of the fetches a page starts,
 * waits on those events and on exact texts, helpers for the sandbox's hosted
 * page and control API, and a tiny HTTP server for test pages on a second
 * origin (a merchant site, a site builder that frames the shop).
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, errors, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchChromium } from '../../scripts/chromium';
import { ROOT } from '../../scripts/wrangler-dev';

/** U+202F, the widget's thousands separator and the space inside `F CFA`. */
export const NNBSP = '\u202f';

export interface Urls {
  readonly worker: string;
  readonly sandbox: string;
  readonly pages: string;
}

export function urls(): Urls {
  return { worker: inject('workerUrl'), sandbox: inject('sandboxUrl'), pages: inject('pagesUrl') };
}

export interface TestBrowser {
  readonly browser: Browser;
  /** A fresh context whose pages record the widget's events (see `widgetEvents`) and the fetches they start (see `fetchedUrls`). */
  newPage(options?: { readonly reducedMotion?: 'reduce' | 'no-preference' }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Chromium with its profile folders in a temp directory. Playwright
 * turns the back-forward cache off by default; `bfcache: true` keeps it on,
 * so that the back button restores a page the way it does for customers.
 */
export async function launchBrowser(options: { readonly bfcache?: boolean } = {}): Promise<TestBrowser> {
  const home = mkdtempSync(join(tmpdir(), 'cinetpay-chromium-'));
  const browser = await launchChromium(home, options.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {});
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(pageOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...pageOptions });
      // Below the test timeout, so that a stuck step fails with its own message and line.
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      await context.addInitScript(captureWidgetEvents);
      await context.addInitScript(noteFetches);
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A page in a fresh context with JavaScript off, phone-sized: a customer opening a payment link with scripts disabled. */
export async function pageWithoutScripts(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 400, height: 800 } });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

export interface WidgetEvent {
  readonly type: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly cancelable: boolean;
}

interface PageLog {
  cinetpayEvents?: WidgetEvent[];
  fetched?: string[];
}

/** Runs in every page before its own scripts: keeps every cinetpay-* event that reaches the document. */
function captureWidgetEvents(): void {
  const log = window as unknown as PageLog;
  log.cinetpayEvents = [];
  for (const type of ['cinetpay-checkout', 'cinetpay-error', 'cinetpay-status']) {
    document.addEventListener(type, (event) => {
      const detail = (event as Event & { readonly detail?: Readonly<Record<string, unknown>> }).detail ?? {};
      log.cinetpayEvents?.push({ type, detail: JSON.parse(JSON.stringify(detail)) as Readonly<Record<string, unknown>>, cancelable: event.cancelable });
    });
  }
}

/**
 * Runs in every page before its own scripts: notes the URL of each fetch() as
 * it starts. Counting there is exact at any instant, where the requests seen
 * from Node arrive a moment later.
 */
function noteFetches(): void {
  const fetched: string[] = [];
  (window as unknown as PageLog).fetched = fetched;
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    fetched.push(input instanceof Request ? input.url : new URL(input, location.href).href);
    return original(input, init);
  };
}

/** The URLs the current document has passed to fetch(), in order. */
export function fetchedUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as PageLog).fetched ?? []);
}

/** The widget events the current document has seen, optionally of one type. */
export async function widgetEvents(page: Page, type?: string): Promise<WidgetEvent[]> {
  const all = await page.evaluate(() => (window as unknown as PageLog).cinetpayEvents ?? []);
  return type ? all.filter((event) => event.type === type) : all;
}

/** A timeout ends the wait but not the test: the assertion that follows then says what the page had instead. */
async function untilTimeout(wait: Promise<unknown>): Promise<void> {
  try {
    await wait;
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
}

/** Waits (within the context's timeout) until the document has seen `count` widget events of `type`; returns those it has. */
export async function waitForWidgetEvents(page: Page, type: string, count = 1): Promise<WidgetEvent[]> {
  await untilTimeout(
    page.waitForFunction(
      ([wanted, atLeast]) => ((window as unknown as PageLog).cinetpayEvents ?? []).filter((event) => event.type === wanted).length >= atLeast,
      [type, count] as const,
    ),
  );
  return widgetEvents(page, type);
}

/**
 * Waits until the element's innerText is exactly `text`, then asserts it.
 * Exact on purpose: Playwright's text matchers fold the narrow no-break
 * spaces of the widget's prices into plain spaces (strings) or read
 * textContent, template whitespace included (regular expressions).
 */
export async function expectText(locator: Locator, text: string): Promise<void> {
  const element = await locator.elementHandle();
  try {
    await untilTimeout(
      locator.page().waitForFunction(([node, expected]) => node instanceof HTMLElement && node.innerText === expected, [element, text] as const),
    );
  } finally {
    await element.dispose();
  }
  expect(await locator.innerText()).toBe(text);
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly postData: string | null;
  readonly navigation: boolean;
  readonly mainFrame: boolean;
}

/** Every request the page makes from now on, in order. */
export function recordRequests(page: Page): RecordedRequest[] {
  const list: RecordedRequest[] = [];
  page.on('request', (request) => {
    list.push({
      method: request.method(),
      url: request.url(),
      postData: request.postData(),
      navigation: request.isNavigationRequest(),
      mainFrame: request.frame() === page.mainFrame(),
    });
  });
  return list;
}

/** `POST {worker}/api/checkout` requests. */
export function checkoutRequests(list: readonly RecordedRequest[], worker: string): RecordedRequest[] {
  return list.filter((request) => request.method === 'POST' && request.url === `${worker}/api/checkout`);
}

/** Navigations that posted the payment form to the hosted page. */
export function hostedPagePosts(list: readonly RecordedRequest[], sandbox: string): RecordedRequest[] {
  return list.filter((request) => request.navigation && request.method === 'POST' && request.url === `${sandbox}/`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A return page of the demo shop, `/success.html?...` or `/en/success?...` (static assets drop `.html`). */
export function returnPage(worker: string, name: 'success' | 'pending' | 'failure' | 'cancelled', lang: 'fr' | 'en' = 'fr'): RegExp {
  return new RegExp(`^${escapeRegExp(worker)}/${lang === 'en' ? 'en/' : ''}${name}(\\.html)?\\?trans_id=`);
}

/** The last `count` lines of the first stack's Worker log. */
function workerLogTail(count: number): string {
  try {
    return readFileSync(inject('workerLog'), 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '(no Worker log)';
  }
}

/** Runs `work`; if it fails, its error carries the last lines of the first stack's Worker log, which CI's output keeps. */
export async function withWorkerLog<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nThe first stack's Worker log ends:\n${workerLogTail(25)}`, { cause: error });
  }
}

/**
 * `page.waitForURL`, with a timeout that says where the page stopped, what
 * it shows and what the Worker last did: "Timeout 15000ms exceeded" alone
 * cannot tell a stalled stack from a payment that landed on another page.
 */
export async function waitForPage(page: Page, url: string | RegExp): Promise<void> {
  try {
    await page.waitForURL(url);
  } catch (error) {
    const shown = await page
      .locator('body')
      .innerText({ timeout: 1_000 })
      .catch(() => '(no body)');
    const at = `the page is at ${page.url()}: ${shown.replace(/\s+/g, ' ').slice(0, 300)}`;
    throw new Error(`waited for ${String(url)}; ${at}\nThe first stack's Worker log ends:\n${workerLogTail(25)}`, { cause: error });
  }
}

/** The hosted payment page's outcome buttons (sandbox/src/outcomes.ts). */
export type HostedChoice = 'success-om' | 'success-momo' | 'success-flooz' | 'otp-error' | 'insufficient-balance' | 'pending' | 'cancel';

export async function choose(page: Page, choice: HostedChoice): Promise<void> {
  await page.locator(`[data-outcome="${choice}"]`).click();
}

/** Resolves a sandbox payment later, as the customer's phone would (`POST /__sandbox/transactions/:id/outcome`). */
export async function resolveLater(sandbox: string, transId: string, outcome: 'success' | 'otp_error' | 'insufficient_balance' | 'cancel'): Promise<void> {
  const response = await fetch(`${sandbox}/__sandbox/transactions/${encodeURIComponent(transId)}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  if (!response.ok) throw new Error(`sandbox control API answered ${response.status}: ${await response.text()}`);
}

/** The text of `<cinetpay-status>`'s card, shadow DOM included. */
export function statusCard(page: Page): ReturnType<Page['locator']> {
  return page.locator('cinetpay-status [part="status"]');
}

/** A TCP port on loopback that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface TestPage {
  readonly body: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Test pages on a second origin (BROWSER_PAGES_PORT). `/widget/*` serves
 * dist/widget, for pages that must not depend on the Worker to get the script.
 */
export class TestPages {
  readonly #pages = new Map<string, TestPage>();
  readonly #server = createServer((request, response) => this.#answer(request, response));
  readonly origin: string;

  private constructor(origin: string) {
    this.origin = origin;
  }

  static async start(origin: string): Promise<TestPages> {
    const pages = new TestPages(origin);
    const { port, hostname } = new URL(origin);
    await new Promise<void>((done, fail) => {
      pages.#server.once('error', fail);
      pages.#server.listen(Number(port), hostname, done);
    });
    return pages;
  }

  /** Serves `body` as text/html at `path`; returns its URL. */
  set(path: string, page: TestPage | string): string {
    this.#pages.set(path, typeof page === 'string' ? { body: page } : page);
    return this.url(path);
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((done) => this.#server.close(() => done()));
  }

  #answer(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', this.origin).pathname;
    if (path.startsWith('/widget/') && /^\/widget\/[\w.-]+\.js$/.test(path)) {
      try {
        const script = readFileSync(join(ROOT, 'dist', 'widget', path.slice('/widget/'.length)));
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    const page = this.#pages.get(path);
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  }
}
