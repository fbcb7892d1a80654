/**
 * `GET /__sandbox/`: a readable page of everything the sandbox holds, for a
 * merchant developing locally: each transaction with its outcome and
 * `checkPayStatus` result, each notification attempt and the answer it got,
 * the webhook deliveries and paid-order chat notices received, the armed
 * faults. Read-only; the control
 * API does the changing.
 */

import type { SandboxConfig } from './config';
import { FAVICON, formatAmount } from './hosted-page-html';
import { html, type SafeHtml } from './html';
import type { ArmedFault, ChatMessage, NotificationAttempt, TransactionView, WebhookDelivery } from './model';

export interface DashboardData {
  readonly config: SandboxConfig;
  readonly transactions: readonly TransactionView[];
  readonly attempts: readonly NotificationAttempt[];
  readonly webhooks: readonly WebhookDelivery[];
  readonly chats: readonly ChatMessage[];
  readonly faults: readonly ArmedFault[];
}

const STYLE = html`<style>
  :root { color-scheme: light; --ink: #17202e; --muted: #5b6577; --line: #dfe3ea; }
  body { margin: 0; padding: 1.5rem; background: #f6f7fa; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.125rem; margin: 2rem 0 .5rem; }
  p { margin: .25rem 0; }
  .muted { color: var(--muted); }
  table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: .5rem; overflow: hidden; font-size: .875rem; }
  th, td { text-align: left; padding: .5rem .625rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: #eef1f6; font-weight: 600; }
  code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8125rem; overflow-wrap: anywhere; }
  .state { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-weight: 600; font-size: .75rem; background: #eef1f6; }
  .ACCEPTED { background: #d8f3e3; color: #0b5530; } .REFUSED, .CANCELLED { background: #fde2e1; color: #8a1c1c; }
  .PENDING, .OPEN, .SIGNED { background: #fff3cd; color: #5c4300; }
  .ok { color: #0b5530; font-weight: 600; } .ko { color: #8a1c1c; font-weight: 600; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
  details pre { margin: .25rem 0 0; }
  .nowrap { white-space: nowrap; }
  a { color: #1a56db; }
</style>`;

function when(isoTime: string): string {
  return isoTime.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function transactionsTable(transactions: readonly TransactionView[]): SafeHtml {
  if (transactions.length === 0)
    return html`<p class="muted">No transaction yet. Ask <code>getSignatureByPost</code> for a signature, then post the form to <code>/</code>.</p>`;
  const rows = transactions.map(
    (tx) => html`<tr>
  <td class="nowrap"><a class="mono" href="/__sandbox/transactions/${encodeURIComponent(tx.transId)}">${tx.transId}</a></td>
  <td><span class="state ${tx.state}">${tx.state}</span></td>
  <td class="mono">${tx.record.cpm_result} ${tx.record.cpm_error_message}</td>
  <td class="nowrap">${formatAmount(tx.record.cpm_amount, 'en')}</td>
  <td>${tx.record.cpm_designation}</td>
  <td class="mono">${tx.record.payment_method}</td>
  <td class="mono">${tx.record.cpm_ipn_ack}</td>
  <td class="mono">${tx.record.created_at}</td>
  <td class="mono">${tx.events.map((event) => `${event.outcome} (${event.code}, ${event.source}) `)}</td>
</tr>`,
  );
  return html`<table><thead><tr><th>Trans id</th><th>State</th><th>checkPayStatus</th><th>Amount</th><th>Designation</th><th>Method</th><th>IPN ack</th><th>Created (UTC)</th><th>Outcomes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function attemptsTable(attempts: readonly NotificationAttempt[]): SafeHtml {
  if (attempts.length === 0) return html`<p class="muted">No notification sent yet.</p>`;
  const rows = [...attempts].reverse().map((attempt) => {
    const result =
      attempt.status === null
        ? html`<span class="ko">${attempt.error ?? 'error'}</span>`
        : html`<span class="${attempt.status >= 200 && attempt.status <= 299 ? 'ok' : 'ko'}">HTTP ${attempt.status}</span>`;
    return html`<tr>
  <td class="mono">${when(attempt.at)}</td>
  <td class="mono nowrap">${attempt.transId}</td>
  <td class="mono">${attempt.url}</td>
  <td>#${attempt.deliveryId} · ${attempt.attempt}/${attempt.maxAttempts}</td>
  <td>${result} <span class="muted">${attempt.durationMs} ms</span>${attempt.nextAttemptAt === null ? '' : html`<br><span class="muted">retry at ${when(attempt.nextAttemptAt)}</span>`}</td>
  <td><details><summary>fields</summary><pre class="mono">${Object.entries(attempt.fields).map(([k, v]) => `${k}=${v}\n`)}</pre></details>${attempt.answer === '' ? '' : html`<details><summary>answer</summary><pre class="mono">${attempt.answer}</pre></details>`}</td>
</tr>`;
  });
  return html`<table><thead><tr><th>Time</th><th>Trans id</th><th>notify_url</th><th>Delivery · attempt</th><th>Answer</th><th>Sent</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function webhooksTable(webhooks: readonly WebhookDelivery[]): SafeHtml {
  if (webhooks.length === 0) return html`<p class="muted">No webhook received on <code>POST /__sandbox/webhook</code>.</p>`;
  const rows = [...webhooks].reverse().map(
    (delivery) => html`<tr>
  <td class="mono">${when(delivery.at)}</td>
  <td><span class="${delivery.status >= 200 && delivery.status <= 299 ? 'ok' : 'ko'}">${delivery.status}</span></td>
  <td><details><summary>${Object.keys(delivery.headers).length} headers</summary><pre class="mono">${Object.entries(delivery.headers).map(([k, v]) => `${k}: ${v}\n`)}</pre></details></td>
  <td><pre class="mono">${delivery.body.slice(0, 2000)}</pre></td>
</tr>`,
  );
  return html`<table><thead><tr><th>Time</th><th>Answered</th><th>Headers</th><th>Body</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The text a chat message shows: Telegram's `text`, Slack's `text`, Discord's `content`; the raw body if it is not such JSON. */
function chatText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const text = 'text' in parsed ? parsed.text : 'content' in parsed ? parsed.content : undefined;
      if (typeof text === 'string') return text;
    }
  } catch {
    // Not JSON: shown as it came.
  }
  return body;
}

function chatsTable(chats: readonly ChatMessage[]): SafeHtml {
  if (chats.length === 0)
    return html`<p class="muted">No paid-order notice received on <code>/__sandbox/telegram</code>, <code>/slack</code> or <code>/discord</code>.</p>`;
  const rows = [...chats].reverse().map(
    (message) => html`<tr>
  <td class="mono">${when(message.at)}</td>
  <td>${message.channel}</td>
  <td><span class="${message.status >= 200 && message.status <= 299 ? 'ok' : 'ko'}">${message.status}</span></td>
  <td><pre class="mono">${chatText(message.body).slice(0, 2000)}</pre></td>
</tr>`,
  );
  return html`<table><thead><tr><th>Time</th><th>Channel</th><th>Answered</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function faultsList(faults: readonly ArmedFault[]): SafeHtml {
  if (faults.length === 0) return html`<p class="muted">No fault armed.</p>`;
  return html`<ul>${faults.map((fault) => html`<li class="mono">${fault.target}: ${fault.fault} × ${fault.remaining}${fault.fault === 'timeout' ? ` (${fault.delayMs} ms)` : ''}</li>`)}</ul>`;
}

export function dashboardPage(data: DashboardData): SafeHtml {
  return html`<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>CinetPay sandbox · dashboard</title>${FAVICON}${STYLE}</head>
<body>
<main>
<h1>CinetPay v1 sandbox</h1>
<p class="muted">Site id <code>${data.config.siteId}</code> · ${data.config.siteName} · apikey in sandbox/wrangler.toml · notification retries: ${data.config.maxAttempts} attempts, base delay ${data.config.retryBaseMs} ms · <a href="/__sandbox/">refresh</a></p>
<h2>Transactions</h2>
${transactionsTable(data.transactions)}
<h2>Notifications</h2>
${attemptsTable(data.attempts)}
<h2>Webhook deliveries</h2>
${webhooksTable(data.webhooks)}
<h2>Paid-order notices (Telegram, Slack, Discord)</h2>
${chatsTable(data.chats)}
<h2>Armed faults</h2>
${faultsList(data.faults)}
</main>
</body>
</html>`;
}
