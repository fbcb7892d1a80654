/**
 * What the console's browser tests need besides a browser: orders made over
 * real HTTP against the suite's stack (a checkout, the hosted form, and the
 * customer's outcome at the sandbox, exactly as the widget and a phone
 * would), the sandbox's webhook receiver log, and a small RFC 4180 reader
 * to parse the console's CSV export back.
 */

import type { CheckoutResponse } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';

let clients = 0;

/** `POST /api/checkout` from its own client IP, so that a hundred orders stay under the per-IP checkout limit. */
export async function startOrder(worker: string, body: Readonly<Record<string, unknown>>): Promise<CheckoutResponse> {
  const response = await fetch(`${worker}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: worker, 'cf-connecting-ip': `198.18.${Math.floor(clients / 250)}.${(clients++ % 250) + 1}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`checkout answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CheckoutResponse;
}

/** The customer reaches the hosted page (v1's form POST, v2's payment_url) and pays there with `paymentMethod`; the sandbox then notifies the Worker `notifications` times (0: the notification is lost). */
export async function payOrder(sandbox: string, started: CheckoutResponse, paymentMethod = 'OM', notifications = 1): Promise<void> {
  // v1 posts the form; v2 opens the payment_url.
  const page =
    started.method === 'POST'
      ? await fetch(started.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: encodeForm({ ...started.fields }),
        })
      : await fetch(started.action);
  if (!page.ok) throw new Error(`hosted page answered ${page.status}`);
  await page.body?.cancel();
  const outcome = await fetch(`${sandbox}/__sandbox/transactions/${started.transId}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'success', paymentMethod, notifications }),
  });
  if (!outcome.ok) throw new Error(`sandbox outcome answered ${outcome.status}: ${await outcome.text()}`);
}

export interface ReceivedWebhook {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

/** The `order.paid` events the sandbox's webhook receiver got for `transId`. */
export async function receivedWebhooks(sandbox: string, transId: string): Promise<ReceivedWebhook[]> {
  const response = await fetch(`${sandbox}/__sandbox/webhook`);
  const { deliveries } = (await response.json()) as { deliveries: ReceivedWebhook[] };
  return deliveries.filter((delivery) => delivery.body.includes(`"transId":"${transId}"`));
}

/** Polls `check` until it returns a value; alarms, notifications and webhooks run on their own clock. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** RFC 4180 records: `;` between fields, quoted fields with doubled quotes, CRLF between records. */
export function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
