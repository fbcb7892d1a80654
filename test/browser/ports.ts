/** The browser suite's ports, from the environment, with defaults that stay clear of `npm start` (8787/8788). */

export interface BrowserPorts {
  readonly worker: number;
  readonly sandbox: number;
  readonly pages: number;
  /** The second stack, whose Worker runs CinetPay's checkout API v2. */
  readonly v2Worker: number;
  readonly v2Sandbox: number;
  /** The third stack, whose Worker runs CinetPay's 2026 API. */
  readonly api2026Worker: number;
  readonly api2026Sandbox: number;
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a TCP port, got ${JSON.stringify(process.env[name])}`);
  return value;
}

export function browserPorts(): BrowserPorts {
  return {
    worker: port('BROWSER_WORKER_PORT', 18_787),
    sandbox: port('BROWSER_SANDBOX_PORT', 18_788),
    pages: port('BROWSER_PAGES_PORT', 18_789),
    v2Worker: port('BROWSER_V2_WORKER_PORT', 18_797),
    v2Sandbox: port('BROWSER_V2_SANDBOX_PORT', 18_798),
    api2026Worker: port('BROWSER_2026_WORKER_PORT', 18_807),
    api2026Sandbox: port('BROWSER_2026_SANDBOX_PORT', 18_808),
  };
}
