/**
 * The scripts that take the documentation's screenshots, run on the browser
 * suite's stack instead of stacks of their own: each script's function
 * (what its command line runs once its own stack is up) writes its PNGs into
 * a fresh temp folder, never docs/, and each file must be a PNG of the size
 * its viewport gives. The orders they make are paid ones, or one pending
 * order of a catalog product: console.test.ts reads the pending open-amount
 * orders and finds its paid order by id, so neither is disturbed, in
 * whichever order the files run. They sign in to the console once
 * (SIGNIN_LIMIT: five a minute, and console.test.ts uses four).
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleScreenshots } from '../../scripts/console-screenshots';
import { noticeScreenshots } from '../../scripts/notice-screenshots';
import { hostedPageScreenshot } from '../../scripts/screenshot-sandbox';
import { customerScreenshots } from '../../scripts/screenshots';
import { launchBrowser, type TestBrowser, urls, withWorkerLog } from './support';

const { worker, sandbox } = urls();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Smaller than any element a script captures (a product card, a table of notices). */
const SMALLEST_ELEMENT = 50;

/** The allowed range of each side, in device pixels. */
interface Size {
  readonly width: readonly [number, number];
  readonly height: readonly [number, number];
}

/** The viewport itself. */
function viewport(width: number, height: number): Size {
  return { width: [width, width], height: [height, height] };
}

/** A full-page capture: the viewport's width, and at least its height. */
function wholePage(width: number, height: number): Size {
  return { width: [width, width], height: [height, Number.POSITIVE_INFINITY] };
}

/** One element of a page as wide as `width`. */
function element(width: number): Size {
  return { width: [SMALLEST_ELEMENT, width], height: [SMALLEST_ELEMENT, Number.POSITIVE_INFINITY] };
}

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 8)], `${basename(path)}: PNG signature`).toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString('latin1'), `${basename(path)}: first chunk`).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let chromium: TestBrowser;
let temp: string;

/** A folder of its own for each script, so that one script's files never stand for another's. */
function freshFolder(): string {
  return mkdtempSync(join(temp, 'shots-'));
}

function expectPngs(outDir: string, written: readonly string[], expected: Readonly<Record<string, Size>>): void {
  expect(written.map((path) => basename(path)).sort()).toEqual(Object.keys(expected).sort());
  for (const path of written) {
    expect(dirname(path)).toBe(outDir);
    const size = pngSize(path);
    const wanted = expected[basename(path)];
    if (!wanted) throw new Error(`unexpected file ${path}`);
    const [minWidth, maxWidth] = wanted.width;
    const [minHeight, maxHeight] = wanted.height;
    expect(size.width, `${basename(path)} width`).toBeGreaterThanOrEqual(minWidth);
    expect(size.width, `${basename(path)} width`).toBeLessThanOrEqual(maxWidth);
    expect(size.height, `${basename(path)} height`).toBeGreaterThanOrEqual(minHeight);
    expect(size.height, `${basename(path)} height`).toBeLessThanOrEqual(maxHeight);
  }
}

beforeAll(async () => {
  chromium = await launchBrowser();
  temp = mkdtempSync(join(tmpdir(), 'cinetpay-doc-screenshots-'));
});

afterAll(async () => {
  await chromium.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the documentation screenshot scripts, on the suite’s stack', () => {
  it('scripts/screenshot-sandbox.ts: the hosted payment page, at twice 520 px', async () => {
    const outDir = freshFolder();
    const written = await hostedPageScreenshot({ browser: chromium.browser, outDir, sandboxUrl: sandbox });
    expectPngs(outDir, written, { 'sandbox-hosted-page.png': wholePage(1040, 1800) });
  });

  it('scripts/screenshots.ts: the shop, the button, the return pages, a payment link and a download, in French and English', async () => {
    const outDir = freshFolder();
    const written = await withWorkerLog(() => customerScreenshots({ browser: chromium.browser, outDir, workerUrl: worker, sandboxUrl: sandbox }));
    const expected: Record<string, Size> = {};
    for (const lang of ['fr', 'en']) {
      expected[`demo-shop-${lang}.png`] = wholePage(1180, 900);
      expected[`button-loading-${lang}.png`] = element(1180);
      expected[`button-error-${lang}.png`] = element(1180);
      expected[`return-confirmed-${lang}.png`] = viewport(1180, 900);
      expected[`pay-link-${lang}.png`] = viewport(390, 640);
      expected[`return-download-${lang}.png`] = viewport(1180, 900);
    }
    expectPngs(outDir, written, expected);
  }, 120_000);

  it('scripts/console-screenshots.ts: the console on a phone and a desktop, in French and English', async () => {
    const outDir = freshFolder();
    const written = await withWorkerLog(() => consoleScreenshots({ browser: chromium.browser, outDir, workerUrl: worker, sandboxUrl: sandbox }));
    const expected: Record<string, Size> = {};
    for (const lang of ['fr', 'en']) {
      expected[`console-overview-phone-${lang}.png`] = wholePage(390, 844);
      expected[`console-orders-phone-${lang}.png`] = wholePage(390, 844);
      expected[`console-timeline-phone-${lang}.png`] = wholePage(390, 844);
      expected[`console-overview-${lang}.png`] = wholePage(1180, 900);
    }
    expectPngs(outDir, written, expected);
  }, 90_000);

  it('scripts/notice-screenshots.ts: the receipts, the captured notice email and the chat notices', async () => {
    const outDir = freshFolder();
    const written = await withWorkerLog(() =>
      noticeScreenshots({ browser: chromium.browser, outDir, workerUrl: worker, sandboxUrl: sandbox, workerLog: inject('workerLog') }),
    );
    expectPngs(outDir, written, {
      'receipt-fr.png': wholePage(900, 760),
      'receipt-en.png': wholePage(900, 760),
      'notice-email-fr.png': wholePage(760, 640),
      'notice-chats-sandbox.png': element(1180),
    });
  }, 90_000);
});
