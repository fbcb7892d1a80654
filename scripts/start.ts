/**
 * `npm start`: the whole flow on this machine, with no account, no secret
 * and no money. Starts the CinetPay sandbox and the Worker (which serves the
 * demo shop), prints where everything is, and stops both on Ctrl-C. State
 * (orders, sandbox transactions) persists in .tmp/state between runs.
 * Ports: WORKER_PORT (8787) and SANDBOX_PORT (8788). `CINETPAY_API=v2 npm start`
 * runs the same demo on CinetPay's checkout API v2 (the sandbox speaks both).
 */

import { join } from 'node:path';
import { apiFromEnvironment, portsFromEnvironment, startStack } from './stack';
import { ROOT } from './wrangler-dev';

const { workerPort, sandboxPort } = portsFromEnvironment();
const api = apiFromEnvironment();
const stack = await startStack({ api, workerPort, sandboxPort, persistTo: join(ROOT, '.tmp', 'state') });

console.log(`
cinetpay-edge is running, on the local CinetPay sandbox (no real money), CinetPay API ${api}.

  Demo shop            ${stack.workerUrl}/
  English demo         ${stack.workerUrl}/en/
  Worker health        ${stack.workerUrl}/healthz
  Merchant console     ${stack.workerUrl}/admin/   (token: sandbox-admin-token)
  Admin API            curl -H 'Authorization: Bearer sandbox-admin-token' ${stack.workerUrl}/admin/orders
  Sandbox dashboard    ${stack.sandboxUrl}/__sandbox/
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
