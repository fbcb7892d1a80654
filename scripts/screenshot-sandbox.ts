/**
 * Takes the screenshot of the sandbox's hosted payment page that
 * docs/sandbox-hosted-page.png shows: starts the sandbox, asks it for a
 * signature, posts the payment form from a blank page as a shop would, and
 * captures what the customer sees, in Chromium.
 *
 *   npx tsx scripts/screenshot-sandbox.ts [output.png]
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`). Ports:
 * SCREENSHOT_SANDBOX_PORT (default 18798) and the inspector port above it by 1000.
 * `hostedPageScreenshot` takes the same PNG from a sandbox that is already
 * running, into any folder.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatTransDate } from '../shared/cinetpay/dates';
import { encodeForm } from '../shared/cinetpay/form-encoding';
import { launchChromium } from './chromium';
import { DOCS, newPage, type ShotTarget } from './doc-screenshots';
import { isEntryPoint } from './entry-point';
import { startWranglerDev } from './wrangler-dev';

export const HOSTED_PAGE_PNG = 'sandbox-hosted-page.png';

export interface HostedPageShot extends ShotTarget {
  readonly sandboxUrl: string;
  /** The file's name in `outDir`; sandbox-hosted-page.png by default. */
  readonly name?: string;
}

/** A signature from the sandbox's getSignatureByPost for `fields`, as a shop's server asks for it. */
async function signature(sandbox: string, fields: Readonly<Record<string, string>>): Promise<string> {
  const answer = await fetch(`${sandbox}/v1/?method=getSignatureByPost`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ ...fields, cpm_phone_prefix: '225' }),
  });
  const signed: unknown = JSON.parse(await answer.text());
  if (typeof signed !== 'string') throw new Error(`getSignatureByPost refused: ${JSON.stringify(signed)}`);
  return signed;
}

/**
 * Writes the hosted page of a signed 5 000 F CFA T-shirt order, in French,
 * at 520 px and two device pixels per CSS pixel, into `outDir`. Creates one
 * transaction in the sandbox and no order at any Worker. Returns the path.
 */
export async function hostedPageScreenshot({ browser, outDir, sandboxUrl, name = HOSTED_PAGE_PNG }: HostedPageShot): Promise<string[]> {
  const apikey = 'sandbox-apikey-not-a-secret';
  const order = {
    cpm_amount: '5000',
    cpm_currency: 'CFA',
    cpm_site_id: '445160',
    cpm_trans_id: `shot${Date.now()}`,
    cpm_trans_date: formatTransDate(new Date()),
    cpm_payment_config: 'SINGLE',
    cpm_page_action: 'PAYMENT',
    cpm_version: 'V1',
    cpm_language: 'fr',
    cpm_designation: 'T-shirt « Abidjan » taille M',
    cpm_custom: 'order-1042',
    cel_phone_num: '0102030405',
    apikey,
  };
  const form = {
    ...order,
    cpm_phone_prefixe: '225',
    signature: await signature(sandboxUrl, order),
    return_url: 'http://127.0.0.1:9/return',
    cpm_return_mode: 'GET',
  };
  const page = await newPage(browser, { width: 520, height: 900 }, { deviceScaleFactor: 2, locale: 'fr-FR' });
  try {
    // The shop's side, as the widget does it: a form with hidden fields, submitted as a full-page navigation.
    await page.setContent('<form id="f" method="post"></form>');
    await page.evaluate(
      ({ action, fields }) => {
        const element = document.getElementById('f');
        if (!(element instanceof HTMLFormElement)) throw new Error('no form');
        element.action = action;
        for (const [field, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = field;
          input.value = value;
          element.append(input);
        }
        element.submit();
      },
      { action: `${sandboxUrl}/`, fields: form },
    );
    await page.waitForURL(`${sandboxUrl}/`);
    await page.locator('[data-outcome="success-om"]').waitFor();
    const path = join(outDir, name);
    await page.screenshot({ path, fullPage: true });
    return [path];
  } finally {
    await page.context().close();
  }
}

if (isEntryPoint(import.meta.url)) {
  const port = Number(process.env['SCREENSHOT_SANDBOX_PORT'] ?? 18798);
  const output = resolve(process.argv[2] ?? join(DOCS, HOSTED_PAGE_PNG));
  const temp = mkdtempSync(join(tmpdir(), 'sandbox-screenshot-'));
  process.env['XDG_CONFIG_HOME'] = join(temp, 'config');
  process.env['XDG_CACHE_HOME'] = join(temp, 'cache');
  const sandbox = await startWranglerDev({ config: 'sandbox/wrangler.toml', port, inspectorPort: port + 1000, name: 'sandbox-screenshot' });
  try {
    const browser = await launchChromium(temp);
    try {
      await hostedPageScreenshot({ browser, outDir: dirname(output), name: basename(output), sandboxUrl: sandbox.url });
      console.log(`Screenshot written to ${output}`);
    } finally {
      await browser.close();
    }
  } finally {
    await sandbox.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}
