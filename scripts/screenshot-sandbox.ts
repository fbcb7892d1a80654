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
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTransDate } from '../shared/cinetpay/dates';
import { encodeForm } from '../shared/cinetpay/form-encoding';
import { launchChromium } from './chromium';
import { ROOT, startWranglerDev } from './wrangler-dev';

const PORT = Number(process.env['SCREENSHOT_SANDBOX_PORT'] ?? 18798);
const OUTPUT = resolve(process.argv[2] ?? join(ROOT, 'docs', 'sandbox-hosted-page.png'));

const temp = mkdtempSync(join(tmpdir(), 'sandbox-screenshot-'));
process.env['XDG_CONFIG_HOME'] = join(temp, 'config');
process.env['XDG_CACHE_HOME'] = join(temp, 'cache');

const sandbox = await startWranglerDev({ config: 'sandbox/wrangler.toml', port: PORT, inspectorPort: PORT + 1000, name: 'sandbox-screenshot' });
try {
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
  };
  const apikey = 'sandbox-apikey-not-a-secret';
  const answer = await fetch(`${sandbox.url}/v1/?method=getSignatureByPost`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm({ ...order, cpm_phone_prefix: '225', apikey }),
  });
  const signature: unknown = JSON.parse(await answer.text());
  if (typeof signature !== 'string') throw new Error(`getSignatureByPost refused: ${JSON.stringify(signature)}`);
  const form = { ...order, cpm_phone_prefixe: '225', apikey, signature, return_url: 'http://127.0.0.1:9/return', cpm_return_mode: 'GET' };

  const browser = await launchChromium(temp);
  try {
    const page = await browser.newPage({ viewport: { width: 520, height: 900 }, deviceScaleFactor: 2, locale: 'fr-FR' });
    // The shop's side, as the widget does it: a form with hidden fields, submitted as a full-page navigation.
    await page.setContent('<form id="f" method="post"></form>');
    await page.evaluate(
      ({ action, fields }) => {
        const element = document.getElementById('f');
        if (!(element instanceof HTMLFormElement)) throw new Error('no form');
        element.action = action;
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          element.append(input);
        }
        element.submit();
      },
      { action: `${sandbox.url}/`, fields: form },
    );
    await page.waitForURL(`${sandbox.url}/`);
    await page.locator('[data-outcome="success-om"]').waitFor();
    await page.screenshot({ path: OUTPUT, fullPage: true });
    console.log(`Screenshot written to ${OUTPUT}`);
  } finally {
    await browser.close();
  }
} finally {
  await sandbox.stop();
  rmSync(temp, { recursive: true, force: true });
}
