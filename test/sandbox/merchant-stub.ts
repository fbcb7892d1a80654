/**
 * A fake merchant for the sandbox's workerd tests: vitest.config.ts routes
 * every outbound fetch of the sandbox (its notifications) here, and this
 * module runs in the vitest process. It records each request exactly as it
 * arrived on the wire and answers by path, so tests can make a notify URL
 * succeed, fail a few times, or always fail:
 *
 *   POST http://merchant.test/ok            200
 *   POST http://merchant.test/fail/N/...    500 for the first N requests of a trans id, then 200
 *   POST http://merchant.test/always-500    500
 *   POST http://merchant.test/redirect      302 (a redirect that would lose the posted body)
 *   POST http://merchant.test/slow/MS       200 after MS milliseconds
 *   GET  http://merchant.test/__captured?trans_id=X   the requests recorded for X, as JSON
 *   any other host                          502
 *
 * Only web-standard APIs, so that it type-checks with the sandbox's test tsconfig.
 */

export const MERCHANT = 'http://merchant.test';

export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly userAgent: string;
  /** The raw body, exactly as sent. */
  readonly body: string;
  readonly transId: string;
  readonly status: number;
  /** Milliseconds since the epoch, in the vitest process. */
  readonly at: number;
}

const captured: CapturedRequest[] = [];
const failures = new Map<string, number>();

function statusFor(path: string, transId: string): number {
  if (path.startsWith('/always-500')) return 500;
  if (path.startsWith('/redirect')) return 302;
  const fail = /^\/fail\/(\d+)/.exec(path);
  if (fail) {
    const key = `${path}|${transId}`;
    const seen = failures.get(key) ?? 0;
    failures.set(key, seen + 1);
    return seen < Number(fail[1]) ? 500 : 200;
  }
  return 200;
}

export async function handleMerchantRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // Miniflare turns a thrown error into a 500, so a real network failure is tested over real HTTP (test/node).
  if (url.hostname !== 'merchant.test') return new Response(`No route to ${url.host} in the sandbox tests`, { status: 502 });
  if (url.pathname === '/__captured') {
    const transId = url.searchParams.get('trans_id');
    return Response.json(captured.filter((entry) => transId === null || entry.transId === transId));
  }
  const body = await request.text();
  const transId = new URLSearchParams(body).get('cpm_trans_id') ?? '';
  const status = statusFor(url.pathname, transId);
  const slow = /^\/slow\/(\d+)/.exec(url.pathname);
  if (slow) await new Promise((done) => setTimeout(done, Number(slow[1])));
  captured.push({
    method: request.method,
    path: url.pathname + url.search,
    contentType: request.headers.get('content-type') ?? '',
    userAgent: request.headers.get('user-agent') ?? '',
    body,
    transId,
    status,
    at: Date.now(),
  });
  return status === 302
    ? new Response(null, { status, headers: { location: `${MERCHANT}/ok` } })
    : new Response(status === 200 ? 'OK' : 'Internal Server Error', { status });
}
