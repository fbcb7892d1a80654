/**
 * `npm start`: the whole flow on this machine, with no account, no secret
 * and no money. Starts the CinetPay sandbox and the Worker (which serves the
 * demo shop), prints where everything is, and stops both on Ctrl-C. State
 * (orders, sandbox transactions) persists in .tmp/state between runs
 * (.tmp/state-<port> on another WORKER_PORT, so that two can run at once).
 * Ports: WORKER_PORT (8787) and SANDBOX_PORT (8788). `CINETPAY_API=v2 npm start`
 * runs the same demo on CinetPay's checkout API v2, `CINETPAY_API=2026` on its
 * 2026 API (the sandbox speaks all three).
 *
 * `ALLOWED_ORIGINS=http://localhost:1313 npm start` also lets the pages of
 * that origin (your own site, served by its own dev server) show the button:
 * the origins are added to the Worker's, and the snippet to paste into those
 * pages is printed.
 */

import { join } from 'node:path';
import { extraOriginsFromEnvironment } from './extra-origins';
import { apiFromEnvironment, DEFAULT_WORKER_PORT, portsFromEnvironment, startStack } from './stack';
import { ROOT } from './wrangler-dev';

const { workerPort, sandboxPort } = portsFromEnvironment();
const api = apiFromEnvironment();
const extraOrigins = extraOriginsFromEnvironment(process.env['ALLOWED_ORIGINS']);
if (!extraOrigins.ok) {
  console.error(extraOrigins.error);
  process.exit(1);
}
const stack = await startStack({
  api,
  workerPort,
  sandboxPort,
  persistTo: join(ROOT, '.tmp', workerPort === DEFAULT_WORKER_PORT ? 'state' : `state-${workerPort}`),
  extraOrigins: extraOrigins.value,
  portVariables: { worker: 'WORKER_PORT', sandbox: 'SANDBOX_PORT' },
});

const yourSite =
  extraOrigins.value.length === 0
    ? `
  Your own site        ALLOWED_ORIGINS=http://localhost:1313 npm start   (its origin, then paste the snippet printed)`
    : `
  Your own site        ${extraOrigins.value.join(', ')} may show the button. Paste into a page there:

    <script type="module" src="${stack.workerUrl}/cinetpay-button.js"></script>
    <cinetpay-button endpoint="${stack.workerUrl}" product="tshirt-m"></cinetpay-button>

                       and on the page your customers come back to:

    <cinetpay-status endpoint="${stack.workerUrl}"></cinetpay-status>
`;

console.log(`
cinetpay-edge is running, on the local CinetPay sandbox (no real money), CinetPay API ${api}.

  Demo shop            ${stack.workerUrl}/
  English demo         ${stack.workerUrl}/en/
  Worker health        ${stack.workerUrl}/healthz
  Merchant console     ${stack.workerUrl}/admin/   (token: sandbox-admin-token)
  Admin API            curl -H 'Authorization: Bearer sandbox-admin-token' ${stack.workerUrl}/admin/orders
  Sandbox dashboard    ${stack.sandboxUrl}/__sandbox/   (also the Telegram, Slack and Discord notices)${yourSite}
  Receipts             ${stack.workerUrl}/receipt/<trans_id>
  Notice emails        not sent: each is written to a .eml file named in the Worker's log
  Logs                 ${stack.worker.logFile}
                       ${stack.sandbox.logFile}

Press Ctrl-C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
