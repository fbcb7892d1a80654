/**
 * `npm run sandbox`: runs the CinetPay v1 sandbox alone on loopback
 * (http://127.0.0.1:8788 unless SANDBOX_PORT says otherwise), prints where
 * everything is, and stops on Ctrl-C. NOTIFY_RETRY_BASE_MS and
 * NOTIFY_MAX_ATTEMPTS in the environment override the sandbox's vars; the
 * inspector listens on SANDBOX_INSPECTOR_PORT (default: the port + 1000).
 */

import { startWranglerDev } from './wrangler-dev';

function port(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    console.error(`${name} must be a TCP port (1-65535), got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

const PORT = port('SANDBOX_PORT', 8788);
const INSPECTOR_PORT = port('SANDBOX_INSPECTOR_PORT', PORT + 1000);

const vars: Record<string, string> = {};
for (const name of ['NOTIFY_RETRY_BASE_MS', 'NOTIFY_MAX_ATTEMPTS']) {
  const value = process.env[name];
  if (value !== undefined && value !== '') vars[name] = value;
}

const sandbox = await startWranglerDev({
  config: 'sandbox/wrangler.toml',
  port: PORT,
  inspectorPort: INSPECTOR_PORT,
  name: 'sandbox',
  vars,
  portVariable: 'SANDBOX_PORT',
});

console.log(`CinetPay v1 sandbox on ${sandbox.url}

  API            POST ${sandbox.url}/v1/?method=getSignatureByPost | checkPayStatus | getTransHistory | getCompteStatus
  Payment page   POST ${sandbox.url}/          (stands in for https://secure.cinetpay.com)
  Dashboard      ${sandbox.url}/__sandbox/
  Control API    ${sandbox.url}/__sandbox/...  (see sandbox/README.md)

  apikey  sandbox-apikey-not-a-secret
  site id 445160

  Log: ${sandbox.logFile}
  Ctrl-C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the sandbox…');
  await sandbox.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
