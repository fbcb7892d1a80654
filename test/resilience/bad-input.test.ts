/**
 * Bad input on every route of the real Worker, over real HTTP: the corpus of
 * test/resilience/corpus.ts (well over 150 requests) must each get the 4xx
 * and stable error code it declares, as `{"error":{"code","message"}}` (or,
 * on a route that answers people, the receipt, an HTML page that says so),
 * never a 5xx, a stack trace or a secret, and must create no order — counted
 * both in the sandbox (strongly consistent: a refused checkout never reaches
 * getSignatureByPost) and in the Worker's KV index. The same boundaries,
 * valid, must be accepted; framing that the HTTP layer refuses before the
 * Worker runs is checked and counted apart; a client that hangs up mid-body
 * must not reach the router's catch-all.
 */

import { connect } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublicOrder } from '../../shared/api/contract';
import { type BadCase, badCases, FRAMING_CASES, GOOD_CHECKOUTS, ROUTES, type Route, SPENT_IP } from './corpus';
import {
  type Answer,
  armFault,
  checkout,
  clearFaults,
  count,
  eventually,
  indexedIds,
  leaks,
  mapLimit,
  rawRequest,
  recordTally,
  STACK,
  sandboxTransactions,
  settleLocalRuntime,
  sleep,
  stableErrorCode,
  unhandledInLog,
  unknownTransId,
  worker,
  workerLog,
} from './support';

beforeAll(clearFaults);
afterEach(({ task }) => recordTally(task));

const CHECKOUT_LIMIT_PER_MINUTE = 60;

/** One client address per route, so that no case is refused by the rate limit instead of by what it tests. */
function ipOf(route: Route): string {
  return `198.51.100.${ROUTES.indexOf(route) + 1}`;
}

function send(badCase: BadCase): Promise<Answer | undefined> {
  if (badCase.raw !== undefined) return rawRequest(badCase.raw);
  return worker(badCase.path, {
    method: badCase.method,
    headers: badCase.headers ?? {},
    ip: badCase.ip ?? ipOf(badCase.route),
    retryNetwork: false,
    ...(badCase.body === undefined ? {} : { body: badCase.body }),
  });
}

/** What is wrong with an answer to a bad request; empty when it is exactly what the case declares. */
function problems(badCase: BadCase, answer: Answer | undefined): string[] {
  if (!answer) return ['no answer'];
  const found: string[] = [];
  if (answer.status !== badCase.status) found.push(`status ${answer.status}, expected ${badCase.status}`);
  if (answer.status < 400 || answer.status > 499) found.push(`not a 4xx`);
  if (badCase.page !== undefined) {
    if (!answer.headers['content-type']?.startsWith('text/html'))
      found.push(`content-type ${answer.headers['content-type'] ?? '(none)'}, expected an HTML page`);
    if (!answer.text.includes(badCase.page)) found.push(`a page without "${badCase.page}": ${JSON.stringify(answer.text.slice(0, 80))}`);
    return [...found, ...leaks(answer)];
  }
  const code = stableErrorCode(answer);
  if (code !== badCase.code) found.push(`code ${code ?? `(no stable error body: ${JSON.stringify(answer.text.slice(0, 80))})`}, expected ${badCase.code}`);
  if (!answer.headers['content-type']?.startsWith('application/json')) found.push(`content-type ${answer.headers['content-type'] ?? '(none)'}`);
  return [...found, ...leaks(answer)];
}

function tallyCorpus(answer: Answer | undefined): void {
  const status = answer?.status ?? 0;
  count({ corpusRequests: 1, corpus4xx: status >= 400 && status < 500 ? 1 : 0, corpus5xx: status >= 500 ? 1 : 0 });
}

/**
 * Spends SPENT_IP's checkout budget for this minute with valid checkouts
 * that fail upstream (an armed getSignatureByPost fault, so that no order is
 * made) until the Worker starts refusing them 429, then sends that
 * address's cases. The limiter's window is the clock minute, so this starts
 * early enough in one.
 */
async function spendBudgetThenSend(cases: readonly BadCase[]): Promise<(Answer | undefined)[]> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await sleep(60_000 - intoMinute + 200);
  await armFault('getSignatureByPost', 'http_500', 3 * CHECKOUT_LIMIT_PER_MINUTE);
  try {
    let limited = false;
    for (let sent = 0; !limited && sent < 3 * CHECKOUT_LIMIT_PER_MINUTE; sent += 10) {
      const answers = await mapLimit(Array.from({ length: 10 }), 10, () =>
        worker('/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"product":"casquette"}', ip: SPENT_IP }),
      );
      count({ injected5xx: answers.filter((answer) => answer.status === 502).length });
      expect(answers.filter((answer) => answer.status !== 502 && answer.status !== 429).map((answer) => answer.text)).toEqual([]);
      limited = answers.some((answer) => answer.status === 429);
    }
    expect(limited, 'the rate limit never answered 429').toBe(true);
  } finally {
    await clearFaults();
  }
  return mapLimit(cases, 1, send);
}

describe('bad input, on every route', () => {
  it('gets the declared 4xx and stable code, never a 5xx, a stack trace or a secret, and makes no order', async () => {
    const cases = badCases(STACK.workerUrl);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(
      ROUTES.filter((route) => !cases.some((badCase) => badCase.route === route)),
      'routes without a case',
    ).toEqual([]);

    const signedBefore = new Set((await sandboxTransactions()).map((transaction) => transaction.transId));
    const indexedBefore = await indexedIds();
    const unhandledBefore = (await unhandledInLog()).length;

    const limited = cases.filter((badCase) => badCase.ip === SPENT_IP);
    const others = cases.filter((badCase) => badCase.ip !== SPENT_IP && badCase.streamed !== true);
    const answers = [...(await spendBudgetThenSend(limited)), ...(await mapLimit(others, 6, send))];
    const ordered = [...limited, ...others];

    const failures: string[] = [];
    ordered.forEach((badCase, index) => {
      const answer = answers[index];
      const found = problems(badCase, answer);
      if (found.length > 0) failures.push(`${badCase.route} — ${badCase.name}: ${found.join('; ')}`);
      tallyCorpus(answer);
    });

    await sleep(1_000);
    const signedAfter = await sandboxTransactions();
    const indexedAfter = await indexedIds();
    const newlySigned = signedAfter.filter((transaction) => !signedBefore.has(transaction.transId)).map((transaction) => transaction.transId);
    const newlyIndexed = [...indexedAfter].filter((transId) => !indexedBefore.has(transId) && !signedBefore.has(transId));

    console.log(`orders: ${signedBefore.size} -> ${signedAfter.length} in the sandbox, ${indexedBefore.size} -> ${indexedAfter.size} in the KV index`);
    expect(failures, `${failures.length} of ${cases.length} answers are wrong`).toEqual([]);
    expect(newlySigned, 'bad requests that reached getSignatureByPost').toEqual([]);
    expect(newlyIndexed, 'orders that bad requests created').toEqual([]);
    expect((await unhandledInLog()).slice(unhandledBefore), "requests that reached the router's catch-all").toEqual([]);
  });

  it('refuses chunked bodies over the cap as they stream (413), one at a time', async () => {
    const streamed = badCases(STACK.workerUrl).filter((badCase) => badCase.streamed === true);
    expect(streamed.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const badCase of streamed) {
      const answer = await send(badCase);
      const found = problems(badCase, answer);
      if (found.length > 0) failures.push(`${badCase.route} — ${badCase.name}: ${found.join('; ')}`);
      tallyCorpus(answer);
      await settleLocalRuntime();
    }
    expect(failures).toEqual([]);
  });

  it('accepts the valid inputs at the same boundaries, and stores and signs them exactly as sent', async () => {
    await mapLimit(GOOD_CHECKOUTS, 3, async (good, index) => {
      const started = await checkout(good.body, `198.51.100.${100 + index}`);
      expect(started.fields.cpm_amount, good.name).toBe(String(good.amount));
      expect(started.fields.cpm_designation, good.name).toBe(good.designation);
      const stored = await worker(`/api/orders/${started.transId}`);
      expect(stored.status, good.name).toBe(200);
      expect(stored.json as PublicOrder, good.name).toMatchObject({ status: 'PENDING', amount: good.amount, designation: good.designation });
      count({ boundaryAccepted: 1 });
    });
    for (const path of ['/return', '/cancel']) {
      const answer = await worker(`${path}?trans_id=4000000000000000001`);
      expect(answer.status, `${path} for an unknown order sends the customer on, it does not fail`).toBe(303);
      const location = new URL(answer.headers['location'] ?? '', STACK.workerUrl);
      expect([location.searchParams.get('trans_id'), location.searchParams.get('status')]).toEqual(['4000000000000000001', 'NOT_FOUND']);
      count({ boundaryAccepted: 1 });
    }
  });

  it('framing refused by the HTTP layer before the Worker runs leaks nothing (counted apart)', async () => {
    const statuses: string[] = [];
    for (const framing of FRAMING_CASES) {
      const answer = await rawRequest(framing.raw, { tally: false });
      expect(answer, `${framing.name}: no answer`).toBeDefined();
      if (!answer) continue;
      statuses.push(`${framing.name} -> ${answer.status}`);
      expect(answer.status, framing.name).toBeGreaterThanOrEqual(400);
      expect(leaks(answer), framing.name).toEqual([]);
      const fromWorker = stableErrorCode(answer) !== undefined;
      if (fromWorker) expect(answer.status, `${framing.name}: answered by the Worker`).toBeLessThan(500);
      if (fromWorker) tallyCorpus(answer);
      else count({ runtimeAnswers: 1 });
    }
    console.log(`HTTP-layer answers: ${statuses.join(', ')}`);
  });

  it("a client that hangs up in the middle of its body does not reach the router's catch-all", async () => {
    const { port } = new URL(STACK.workerUrl);
    const before = (await unhandledInLog()).length;
    for (const [path, type] of [
      ['/api/checkout', 'application/json'],
      ['/notify', 'application/x-www-form-urlencoded'],
    ] as const) {
      await new Promise<void>((done) => {
        const socket = connect(Number(port), '127.0.0.1');
        const timer = setTimeout(() => socket.destroy(), 3_000);
        socket.on('close', () => {
          clearTimeout(timer);
          done();
        });
        socket.on('error', () => undefined);
        socket.on('data', () => undefined);
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 100\r\n\r\ncpm_trans_id=1&x={"product":"tsh`, () =>
          socket.end(),
        );
      });
    }
    await settleLocalRuntime();
    // A line the Worker logs after those requests: once it is in the log, so is anything they logged.
    const marker = unknownTransId();
    const answer = await worker('/notify', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `cpm_trans_id=${marker}&cpm_site_id=445160`,
    });
    expect(answer.status).toBe(404);
    await eventually(
      'the marker in the Worker log',
      async () => ((await workerLog()).includes(`{"event":"notify_refused","transId":"${marker}","code":"ORDER_NOT_FOUND"`) ? true : undefined),
      10_000,
    );
    expect((await unhandledInLog()).slice(before)).toEqual([]);
  });
});
