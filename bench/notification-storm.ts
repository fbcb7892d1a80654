/**
 * Notification storm: N paid orders, each notified `copies` times at once,
 * at most `maxInFlight` notifications in flight, and the proof that each
 * order was fulfilled exactly once: the count of distinct `order.paid` ids
 * the sandbox's webhook receiver got (must be N) and of duplicates (must be
 * 0).
 *
 * The orders are prepared untimed through the real flow: the Worker's
 * checkout (the checkout benchmark's orders are reused, new ones made if
 * needed), the signed form posted to the sandbox's hosted page, the outcome
 * "success" chosen through the control API with `"notifications": 0`. The
 * bench then sends the notifications itself, form-urlencoded as the sandbox
 * would (guide 3.2 fields), straight to the Worker's `/notify`: that measures
 * the Worker alone, with exact control of the copies that race and a
 * latency per notification, instead of through the sandbox's single state
 * object, which would add its own queueing to every figure.
 *
 * Side by side, in alternating blocks of orders, the same number of
 * `checkPayStatus` calls go to the sandbox directly with the same
 * concurrency: the upstream call a verification cannot avoid. Worker / direct
 * is the Worker's cost per notification.
 */

import type { CheckoutResponse } from '../shared/api/contract';
import {
  checkout,
  checkPayStatusCalls,
  chooseOutcome,
  notify,
  type OrderAudit,
  orderAudit,
  orderStatus,
  returnToShop,
  type WebhookDelivery,
  webhookDeliveries,
} from './clients';
import type { Generation } from './generation';
import { runPool } from './pool';
import { ratio, type Summary, summarize } from './stats';

export interface StormOptions {
  /** CPU milliseconds used so far by the Worker's runtime process (process-cpu.ts), read around each of the Worker's blocks. */
  readonly workerCpuMs: () => number;
  /** The CinetPay API the stack runs: the notifications sent and the direct check compared with. */
  readonly generation: Generation;
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  readonly orders: number;
  /** Notifications per order, sent together. */
  readonly copies: number;
  /** Most notifications in flight at once: floor(maxInFlight / copies) orders are notified at a time. */
  readonly maxInFlight: number;
  /** Orders prepared at once (checkout if needed, hosted page, outcome). */
  readonly prepareConcurrency: number;
  /** Orders per A/B block. */
  readonly blockOrders: number;
  /** Milliseconds for preparing the orders; none starts after. */
  readonly prepareBudgetMs: number;
  /** The `performance.now()` instant after which no notification starts. */
  readonly stormEndsAt: number;
  /** Longest wait for the webhook count to settle after the storm. */
  readonly webhookWaitMs: number;
  /** Orders whose Order object is read back through the admin API at the end. */
  readonly auditSample: number;
  /** Orders (evenly spread) that then make the customer's return and one status poll. */
  readonly afterwardsSample: number;
  readonly nextIp: () => string;
  /**
   * Orders the Worker already created (the checkout benchmark's), used first
   * so that preparing the storm costs no second round of checkouts; more are
   * created if there are fewer than `orders`.
   */
  readonly checkouts: readonly CheckoutResponse[];
}

/** Pauses before each re-notification round, as CinetPay's retries (sandbox: NOTIFY_RETRY_BASE_MS doubling). */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000] as const;

interface Prepared {
  readonly transId: string;
  readonly body: string;
  /** v2's x-token; none on v1. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface StormSide {
  readonly notifications: number;
  readonly latency: Summary;
  readonly perSecond: number;
  /** Answers other than 200 with status ACCEPTED (Worker) or `cpm_result` 00 (direct). */
  readonly failures: number;
  /** Answer -> count, e.g. {"ACCEPTED": 4995, "503 UPSTREAM_UNAVAILABLE": 5}. */
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface WebhookCount {
  /** Distinct `order.paid` webhook ids of this storm's orders: must equal `expected`. */
  readonly distinct: number;
  readonly expected: number;
  /** Every delivery of this storm's ids (first ones and duplicates): each is one alarm run of the Order object. */
  readonly deliveries: number;
  /** Deliveries of this storm's ids beyond the first of each. */
  readonly duplicates: number;
  /** Deliveries that do not belong to the storm (other ids, other event types). */
  readonly foreign: number;
  /** Deliveries the receiver answered with a non-2xx (a retry should follow each). */
  readonly refused: number;
  /** Storm orders with no delivery at all (the first ten), with the answers their notifications got. */
  readonly missing: readonly { readonly transId: string; readonly outcomes: readonly string[] }[];
  /** Milliseconds from the end of the storm until the last change in the receiver's list. */
  readonly settledAfterMs: number;
  /** True when the wait ended because the count was stable, false when it timed out. */
  readonly stable: boolean;
}

export interface StormResult {
  /**
   * CPU milliseconds of the Worker's runtime process per notification, over
   * the Worker's blocks: the verification, its upstream call, the writes,
   * and the index writes and order.paid deliveries they set off.
   */
  readonly workerCpuMsPerNotification: number;
  readonly ordersRequested: number;
  readonly ordersPrepared: number;
  readonly ordersNotified: number;
  /** Why an order could not be prepared -> count, e.g. {"checkout 429": 3}; empty when all were. */
  readonly prepareFailures: Readonly<Record<string, number>>;
  readonly prepareMs: number;
  readonly copies: number;
  readonly maxInFlight: number;
  readonly worker: StormSide;
  readonly direct: StormSide;
  readonly ratios: { readonly p50: number; readonly p99: number; readonly throughput: number };
  /** After the storm, for an evenly spread sample of orders: the customer's return and one status poll, as the thank-you page makes them. */
  readonly afterwards: {
    readonly returns: number;
    /** Returns whose 303 went to the success page (`status=ACCEPTED`). */
    readonly returnsAccepted: number;
    readonly returnLatency: Summary;
    readonly statusPolls: number;
    readonly statusAccepted: number;
    readonly statusLatency: Summary;
    /** Median length of the public order JSON, as the thank-you page reads it (recorded in bench/results.json). */
    readonly publicOrderBytes: number;
  };
  /** From the Order objects themselves (admin API) for a sample of orders, after the webhooks settled. */
  /** `checkPayStatus` calls the Worker made per notified order, counted by the sandbox: 1 would mean every copy shared one call. */
  readonly upstreamChecksPerOrder: number;
  /** The orders that figure is over: those of the Worker's blocks during which the sandbox's count only went up. */
  readonly upstreamChecksOrders: number;
  /** Worker blocks left out of it because the sandbox's in-memory count went down (its state object restarted). */
  readonly upstreamCountResets: number;
  readonly audit: AuditSummary;
  /** After the storm, as CinetPay does for an answer other than 2xx: re-notifications of orders none of whose copies was accepted. */
  readonly retries: RetrySummary;
  readonly webhooks: WebhookCount;
  readonly cutShort: boolean;
}

export interface RetrySummary {
  /** Orders that had no ACCEPTED answer after the storm. */
  readonly ordersRetried: number;
  readonly notificationsSent: number;
  /** Of those orders, how many the retries got accepted. */
  readonly ordersRecovered: number;
}

export interface AuditSummary {
  readonly sampled: number;
  readonly unreadable: number;
  readonly notificationsPerOrder: number;
  /** Orders whose history shows other than exactly one transition into ACCEPTED: must be 0. */
  readonly notExactlyOnceAccepted: number;
  readonly deliveryAttemptsPerOrder: number;
}

interface NotifySample {
  readonly ms: number;
  readonly status: number;
  readonly ok: boolean;
  /** `ACCEPTED` / `00`, or the HTTP status and error code, e.g. `503 UPSTREAM_UNAVAILABLE`. */
  readonly outcome: string;
}

/** One paid order: an existing checkout (or a new one), its form posted to the hosted page, the outcome "success" without notifications. */
async function prepareOne(options: StormOptions, existing: CheckoutResponse | undefined): Promise<Prepared | string> {
  let order = existing;
  if (order === undefined) {
    const started = await checkout(options.workerUrl, options.nextIp());
    if (started.status !== 200 || started.value === null) return `checkout ${started.status}`;
    order = started.value;
  }
  const page = await options.generation.openPaymentPage(order);
  if (page.status !== 200) return `hosted page ${page.status}`;
  const paid = await chooseOutcome(options.sandboxUrl, order.transId, 0);
  if (paid.status !== 200) return `outcome ${paid.status}`;
  return { transId: order.transId, ...options.generation.notification(order) };
}

function side(samples: readonly NotifySample[], elapsedMs: number): StormSide {
  const outcomes: Record<string, number> = {};
  for (const sample of samples) outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
  return {
    notifications: samples.length,
    latency: summarize(samples.map((sample) => sample.ms)),
    perSecond: elapsedMs > 0 ? (samples.length / elapsedMs) * 1000 : Number.NaN,
    failures: samples.filter((sample) => !sample.ok).length,
    outcomes,
  };
}

async function notifyOrder(options: StormOptions, order: Prepared, target: 'worker' | 'direct'): Promise<NotifySample[]> {
  const copies = Array.from({ length: options.copies }, async (): Promise<NotifySample> => {
    if (target === 'worker') {
      const answer = await notify(options.workerUrl, order.body, order.headers);
      const ok = answer.status === 200 && answer.value.orderStatus === 'ACCEPTED';
      return {
        ms: answer.ms,
        status: answer.status,
        ok,
        outcome: ok ? 'ACCEPTED' : `${answer.status} ${answer.value.errorCode ?? answer.value.orderStatus ?? '?'}`,
      };
    }
    const answer = await options.generation.checkDirect(options.sandboxUrl, order.transId);
    const ok = answer.status === 200 && answer.value;
    return { ms: answer.ms, status: answer.status, ok, outcome: ok ? 'paid' : `${answer.status} not paid` };
  });
  return Promise.all(copies);
}

function countWebhooks(deliveries: readonly WebhookDelivery[], orders: readonly Prepared[]): Omit<WebhookCount, 'settledAfterMs' | 'stable'> {
  const expectedIds = new Map(orders.map((order) => [`msg_${order.transId}_paid`, order.transId]));
  const seen = new Set<string>();
  let duplicates = 0;
  let foreign = 0;
  let refused = 0;
  for (const delivery of deliveries) {
    if (delivery.status < 200 || delivery.status > 299) refused++;
    const id = delivery.webhookId;
    const transId = id === null ? undefined : expectedIds.get(id);
    if (id === null || transId === undefined || delivery.type !== 'order.paid' || delivery.transId !== transId) {
      foreign++;
      continue;
    }
    if (seen.has(id)) duplicates++;
    else seen.add(id);
  }
  const missing = orders.filter((order) => !seen.has(`msg_${order.transId}_paid`)).map((order) => order.transId);
  return {
    distinct: seen.size,
    expected: orders.length,
    deliveries: seen.size + duplicates,
    duplicates,
    foreign,
    refused,
    missing: missing.slice(0, 10).map((transId) => ({ transId, outcomes: [] })),
  };
}

/** Polls the receiver once a second until its list has not changed for three polls and holds every id, or until `waitMs`. */
async function settleWebhooks(options: StormOptions, orders: readonly Prepared[], stormEnded: number): Promise<WebhookCount> {
  const deadline = performance.now() + options.webhookWaitMs;
  let last = -1;
  let unchanged = 0;
  let lastChange = performance.now();
  let deliveries: readonly WebhookDelivery[] = [];
  for (;;) {
    try {
      deliveries = await webhookDeliveries(options.sandboxUrl);
    } catch (error) {
      // The receiver did not answer this time: count what the last poll saw, and try again until the deadline.
      console.warn(`bench: webhook poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (deliveries.length !== last) {
      last = deliveries.length;
      lastChange = performance.now();
      unchanged = 0;
    } else {
      unchanged++;
    }
    const counted = countWebhooks(deliveries, orders);
    if (unchanged >= 3 && counted.distinct >= counted.expected) return { ...counted, settledAfterMs: lastChange - stormEnded, stable: true };
    if (performance.now() > deadline) return { ...counted, settledAfterMs: lastChange - stormEnded, stable: false };
    await new Promise((done) => setTimeout(done, 1_000));
  }
}

/** Prepares the orders, runs the storm against both sides, then checks the outcome of every order and the webhooks. */
export async function runNotificationStorm(options: StormOptions): Promise<StormResult> {
  const prepareStart = performance.now();
  const prepared = await runPool(options.orders, options.prepareConcurrency, prepareStart + options.prepareBudgetMs, (index) =>
    prepareOne(options, options.checkouts[index]),
  );
  const orders = prepared.results.filter((result): result is Prepared => typeof result !== 'string');
  const prepareFailures: Record<string, number> = {};
  for (const result of prepared.results) if (typeof result === 'string') prepareFailures[result] = (prepareFailures[result] ?? 0) + 1;
  const prepareMs = performance.now() - prepareStart;

  const ordersAtOnce = Math.max(1, Math.floor(options.maxInFlight / options.copies));
  const stormDeadline = options.stormEndsAt;
  const samples: Record<'worker' | 'direct', NotifySample[]> = { worker: [], direct: [] };
  const elapsed: Record<'worker' | 'direct', number> = { worker: 0, direct: 0 };
  const notified: Prepared[] = [];
  /** Each notified order's answers, in copy order (retries appended). */
  const outcomesOf = new Map<string, string[]>();
  const cutShort = prepared.cutShort;
  let stormCutShort = false;
  // Counted around each Worker block alone (a direct block's calls are the bench's own) and skipped when the count went down.
  const upstream = { checks: 0, orders: 0, resets: 0 };
  const cpu = { ms: 0, notifications: 0 };
  const countUpstream = async <T>(orders: (result: T) => number, run: () => Promise<T>): Promise<T> => {
    const before = await checkPayStatusCalls(options.sandboxUrl, options.generation.checkTarget);
    const result = await run();
    const after = await checkPayStatusCalls(options.sandboxUrl, options.generation.checkTarget);
    if (after < before) upstream.resets++;
    else {
      upstream.checks += after - before;
      upstream.orders += orders(result);
    }
    return result;
  };
  for (let first = 0, block = 0; first < orders.length && !stormCutShort; first += options.blockOrders, block++) {
    const blockOrders = orders.slice(first, first + options.blockOrders);
    const sides: readonly ('worker' | 'direct')[] = block % 2 === 0 ? ['worker', 'direct'] : ['direct', 'worker'];
    for (const target of sides) {
      const runBlock = () =>
        runPool(blockOrders.length, ordersAtOnce, stormDeadline, (index) => {
          const order = blockOrders[index];
          if (order === undefined) throw new Error(`no order ${index} in block ${block}`);
          return notifyOrder(options, order, target);
        });
      const cpuBefore = options.workerCpuMs();
      const pool = target === 'worker' ? await countUpstream((result) => result.ran, runBlock) : await runBlock();
      if (target === 'worker') {
        cpu.ms += options.workerCpuMs() - cpuBefore;
        cpu.notifications += pool.results.flat().length;
      }
      samples[target].push(...pool.results.flat());
      elapsed[target] += pool.elapsedMs;
      if (target === 'worker') {
        notified.push(...blockOrders.slice(0, pool.ran));
        pool.results.forEach((copies, index) => {
          const order = blockOrders[index];
          if (order !== undefined)
            outcomesOf.set(
              order.transId,
              copies.map((copy) => copy.outcome),
            );
        });
      }
      if (pool.cutShort) stormCutShort = true;
    }
  }
  const stormEnded = performance.now();
  const worker = side(samples.worker, elapsed.worker);
  const direct = side(samples.direct, elapsed.direct);
  // The retries' calls count for orders already counted.
  const retries = await countUpstream(
    () => 0,
    () => retryUnaccepted(options, notified, outcomesOf),
  );

  const afterCount = Math.min(options.afterwardsSample, notified.length);
  const afterStep = afterCount === 0 ? 1 : notified.length / afterCount;
  const after = await runPool(afterCount, 32, Number.POSITIVE_INFINITY, async (index) => {
    const order = notified[Math.floor(index * afterStep)];
    if (order === undefined) throw new Error(`no notified order ${index}`);
    // One customer: the return and the status poll come from the same address, a fresh one per order.
    const ip = options.nextIp();
    const back = await returnToShop(options.workerUrl, order.transId, ip);
    const poll = await orderStatus(options.workerUrl, order.transId, ip);
    return {
      returned: back.status === 303 && back.value === 'ACCEPTED',
      polled: poll.status === 200 && poll.value.status === 'ACCEPTED',
      pollBytes: poll.value.bytes,
      returnMs: back.ms,
      pollMs: poll.ms,
    };
  });

  const settled = await settleWebhooks(options, notified, stormEnded);
  const webhooks: WebhookCount = {
    ...settled,
    missing: settled.missing.map((entry) => ({ ...entry, outcomes: outcomesOf.get(entry.transId) ?? [] })),
  };
  return {
    workerCpuMsPerNotification: cpu.notifications > 0 ? cpu.ms / cpu.notifications : Number.NaN,
    ordersRequested: options.orders,
    ordersPrepared: orders.length,
    ordersNotified: notified.length,
    prepareFailures,
    prepareMs,
    copies: options.copies,
    maxInFlight: ordersAtOnce * options.copies,
    worker,
    direct,
    ratios: {
      p50: ratio(worker.latency.p50, direct.latency.p50),
      p99: ratio(worker.latency.p99, direct.latency.p99),
      throughput: ratio(worker.perSecond, direct.perSecond),
    },
    afterwards: {
      returns: after.ran,
      returnsAccepted: after.results.filter((result) => result.returned).length,
      returnLatency: summarize(after.results.map((result) => result.returnMs)),
      statusPolls: after.ran,
      statusAccepted: after.results.filter((result) => result.polled).length,
      statusLatency: summarize(after.results.map((result) => result.pollMs)),
      publicOrderBytes: summarize(after.results.map((result) => result.pollBytes)).p50,
    },
    retries,
    webhooks,
    upstreamChecksPerOrder: upstream.orders === 0 ? Number.NaN : upstream.checks / upstream.orders,
    upstreamChecksOrders: upstream.orders,
    upstreamCountResets: upstream.resets,
    audit: await audit(options, notified),
    cutShort: cutShort || stormCutShort,
  };
}

/**
 * CinetPay re-sends a notification that was not answered 2xx (the sandbox
 * does so after 1, 2, 4 ... s). The storm itself does not, so that its
 * figures are one burst; afterwards, every order none of whose copies was
 * accepted gets up to three more notifications, one at a time, 1, 2 and 4 s
 * apart. Without this an upstream hiccup during the burst would read as a
 * missing order.paid event, which is not what a merchant would see.
 */
async function retryUnaccepted(options: StormOptions, orders: readonly Prepared[], outcomesOf: Map<string, string[]>): Promise<RetrySummary> {
  const accepted = (order: Prepared): boolean => (outcomesOf.get(order.transId) ?? []).includes('ACCEPTED');
  const pending = orders.filter((order) => !accepted(order));
  let sent = 0;
  for (const delayMs of RETRY_DELAYS_MS) {
    const left = pending.filter((order) => !accepted(order));
    if (left.length === 0) break;
    await new Promise((done) => setTimeout(done, delayMs));
    await runPool(left.length, Math.max(1, Math.floor(options.maxInFlight / options.copies)), Number.POSITIVE_INFINITY, async (index) => {
      const order = left[index];
      if (order === undefined) return;
      const answer = await notify(options.workerUrl, order.body, order.headers);
      sent++;
      const ok = answer.status === 200 && answer.value.orderStatus === 'ACCEPTED';
      const outcome = ok ? 'ACCEPTED' : `retry: ${answer.status} ${answer.value.errorCode ?? answer.value.orderStatus ?? '?'}`;
      outcomesOf.set(order.transId, [...(outcomesOf.get(order.transId) ?? []), outcome]);
    });
  }
  return { ordersRetried: pending.length, notificationsSent: sent, ordersRecovered: pending.filter(accepted).length };
}

/** Reads back the Order objects of an evenly spread sample of orders. */
async function audit(options: StormOptions, orders: readonly Prepared[]): Promise<AuditSummary> {
  const count = Math.min(options.auditSample, orders.length);
  const step = count === 0 ? 1 : orders.length / count;
  const pool = await runPool(count, 16, Number.POSITIVE_INFINITY, (index) => {
    const order = orders[Math.floor(index * step)];
    if (order === undefined) throw new Error(`no order at sample ${index}`);
    return orderAudit(options.workerUrl, order.transId);
  });
  const audits = pool.results.filter((result): result is OrderAudit => result !== null);
  const mean = (pick: (entry: OrderAudit) => number): number =>
    audits.length === 0 ? Number.NaN : audits.reduce((sum, entry) => sum + pick(entry), 0) / audits.length;
  return {
    sampled: count,
    unreadable: count - audits.length,
    notificationsPerOrder: mean((entry) => entry.notifications),
    notExactlyOnceAccepted: audits.filter((entry) => entry.acceptances !== 1).length,
    deliveryAttemptsPerOrder: mean((entry) => entry.deliveryAttempts),
  };
}
