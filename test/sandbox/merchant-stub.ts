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
 *   POST http://merchant.test/hold/N        500 for the first N requests of a trans id; the next one is
 *                                           held open until released, then answered 200
 *   POST http://merchant.test/together/N    200 once N requests of the trans id are in flight together
 *                                           (504 if the others never come, after TOGETHER_WAIT_MS)
 *   GET  http://merchant.test/__captured?trans_id=X   the requests recorded for X, as JSON
 *   GET  http://merchant.test/__held?trans_id=X       answers once a request of X is held open
 *   POST http://merchant.test/__release?trans_id=X    answers the held request of X
 *
 * The held and gathered requests let a test wait for an event (a request is
 * at the merchant now; N are in flight together) instead of guessing how long
 * the sandbox takes.
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

/** How long `/together/N` waits for the others before it says they were not concurrent: far longer than N fetches started at once take. */
const TOGETHER_WAIT_MS = 4_000;

const captured: CapturedRequest[] = [];
const failures = new Map<string, number>();

/** A one-shot event that may be awaited before or after it fires. */
class Signal {
  readonly fired: Promise<void>;
  fire: () => void = () => undefined;

  constructor() {
    this.fired = new Promise((resolve) => {
      this.fire = resolve;
    });
  }
}

/** Per trans id: a request held open (`arrived`), and the test letting it go (`released`). */
const holds = new Map<string, { readonly arrived: Signal; readonly released: Signal }>();
/** Per trans id: how many `/together/N` requests came, and the signal that all N did. */
const gatherings = new Map<string, { count: number; readonly complete: Signal }>();

function holdOf(transId: string): { readonly arrived: Signal; readonly released: Signal } {
  const existing = holds.get(transId);
  if (existing) return existing;
  const hold = { arrived: new Signal(), released: new Signal() };
  holds.set(transId, hold);
  return hold;
}

/** Resolves to 200 when the N-th request of the trans id arrives, or to 504 if it has not after TOGETHER_WAIT_MS. */
function gather(transId: string, size: number): Promise<number> {
  const gathering = gatherings.get(transId) ?? { count: 0, complete: new Signal() };
  gatherings.set(transId, gathering);
  gathering.count += 1;
  if (gathering.count >= size) gathering.complete.fire();
  return new Promise((answer) => {
    const timer = setTimeout(() => answer(504), TOGETHER_WAIT_MS);
    void gathering.complete.fired.then(() => {
      clearTimeout(timer);
      answer(200);
    });
  });
}

/** Counts a request of a `/fail/N` or `/hold/N` path: true while it is among the first N of its trans id. */
function amongFirst(path: string, transId: string, limit: number): boolean {
  const key = `${path}|${transId}`;
  const seen = failures.get(key) ?? 0;
  failures.set(key, seen + 1);
  return seen < limit;
}

async function statusFor(path: string, transId: string): Promise<number> {
  if (path.startsWith('/always-500')) return 500;
  if (path.startsWith('/redirect')) return 302;
  const fail = /^\/fail\/(\d+)/.exec(path);
  if (fail) return amongFirst(path, transId, Number(fail[1])) ? 500 : 200;
  const hold = /^\/hold\/(\d+)/.exec(path);
  if (hold) {
    if (amongFirst(path, transId, Number(hold[1]))) return 500;
    const { arrived, released } = holdOf(transId);
    arrived.fire();
    await released.fired;
    return 200;
  }
  const together = /^\/together\/(\d+)/.exec(path);
  if (together) return gather(transId, Number(together[1]));
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
  if (url.pathname === '/__held') {
    await holdOf(url.searchParams.get('trans_id') ?? '').arrived.fired;
    return new Response('held');
  }
  if (url.pathname === '/__release') {
    holdOf(url.searchParams.get('trans_id') ?? '').released.fire();
    return new Response('released');
  }
  const body = await request.text();
  const transId = new URLSearchParams(body).get('cpm_trans_id') ?? '';
  const status = await statusFor(url.pathname, transId);
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
