/**
 * Checkout overhead: what `POST /api/checkout` through the Worker costs
 * beyond the one upstream call it cannot avoid. Side A is the Worker's
 * checkout (validation, rate limit, trans id, `getSignatureByPost` to the
 * sandbox, the Order Durable Object's `create`, the answer); side B is the
 * same `getSignatureByPost` sent to the sandbox directly with the same fields.
 * A/B ratio of each percentile = the Worker's cost. Both sides run in the
 * same process against the same stack, interleaved so that drift on a shared
 * machine (another build, a GC, a disk flush) hits both equally:
 * sequentially one A and one B at a time (alternating which goes first), and
 * at `clients` concurrent clients in alternating blocks.
 *
 * The sequential run has a third side, the control: `GET /healthz` through
 * the same local runtime, which does nothing. The local runtime's own cost
 * per request (wrangler's proxy, a second HTTP hop) is in every checkout and
 * in no direct call, so the honest figure is checkout p50 / (direct p50 +
 * control p50). A last phase runs checkouts and controls alone and reads the
 * CPU time the Worker's workerd process spent on them (process-cpu.ts).
 */

import type { CheckoutResponse } from '../shared/api/contract';
import { checkout, control } from './clients';
import type { Generation } from './generation';
import { runPool } from './pool';
import { ratio, type Summary, summarize } from './stats';

export interface CheckoutOptions {
  /** The CinetPay API the stack runs, and the direct call the Worker's checkout is compared with. */
  readonly generation: Generation;
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  /** Request pairs in the sequential run. */
  readonly sequential: number;
  /** Requests per side in the concurrent run. */
  readonly concurrent: number;
  readonly clients: number;
  /** Requests per side per block in the concurrent run. */
  readonly blockSize: number;
  /** Untimed requests per side first, so that neither side pays for a cold start. */
  readonly warmup: number;
  /** Milliseconds this phase may take; no request starts after it (the sequential run gets 40 % of it). */
  readonly budgetMs: number;
  /** A counter shared with the other phases, so that every checkout comes from a fresh client address. */
  readonly nextIp: () => string;
  /** CPU milliseconds used so far by the Worker's runtime process. */
  readonly workerCpuMs: () => number;
  /** Checkouts (and as many controls) in the CPU phase. */
  readonly cpuSamples: number;
}

/** CPU milliseconds of the Worker's runtime process per request, from requests sent one at a time and nothing else. */
export interface CpuPerRequest {
  readonly checkoutMs: number;
  readonly controlMs: number;
  readonly requests: number;
}

export interface SideResult {
  readonly latency: Summary;
  /** Answers that were not a 200 with a signature: reported, and left out of the latencies. */
  readonly failures: number;
  /** Requests per second over the blocks of this side (concurrent run only). */
  readonly throughputPerS: number;
}

export interface RunResult {
  readonly worker: SideResult;
  readonly direct: SideResult;
  /** Worker / direct for p50, p95, p99 (latency: higher is costlier) and for throughput (lower is costlier). */
  readonly ratios: { readonly p50: number; readonly p95: number; readonly p99: number; readonly throughput: number };
  readonly cutShort: boolean;
}

export interface CheckoutOverhead {
  readonly sequential: RunResult & {
    readonly control: SideResult;
    /** checkout p50 / (direct p50 + control p50): the Worker's cost with the local runtime's own share taken out. */
    readonly controlledP50: number;
  };
  readonly cpu: CpuPerRequest;
  readonly concurrent: RunResult & { readonly clients: number };
  /** Every order the Worker created and answered with a signed form (warm-up included): PENDING, ready to be paid. */
  readonly orders: readonly CheckoutResponse[];
}

interface Sample {
  readonly ms: number;
  readonly ok: boolean;
}

type Side = 'worker' | 'direct' | 'control';

/** One request of one side; the Worker's signed forms go to `orders`, so that the storm can pay them instead of creating new ones. */
async function call(side: Side, options: CheckoutOptions, orders: CheckoutResponse[]): Promise<Sample> {
  if (side === 'direct') {
    const answer = await options.generation.checkoutDirect(options.sandboxUrl);
    return { ms: answer.ms, ok: answer.status === 200 && answer.value };
  }
  if (side === 'control') {
    const answer = await control(options.workerUrl);
    return { ms: answer.ms, ok: answer.value };
  }
  const answer = await checkout(options.workerUrl, options.nextIp());
  if (answer.status === 200 && answer.value !== null) orders.push(answer.value);
  return { ms: answer.ms, ok: answer.status === 200 && answer.value !== null };
}

function sideResult(samples: readonly Sample[], elapsedMs: number): SideResult {
  const good = samples.filter((sample) => sample.ok).map((sample) => sample.ms);
  return { latency: summarize(good), failures: samples.length - good.length, throughputPerS: elapsedMs > 0 ? (samples.length / elapsedMs) * 1000 : Number.NaN };
}

function runResult(worker: SideResult, direct: SideResult, cutShort: boolean): RunResult {
  return {
    worker,
    direct,
    ratios: {
      p50: ratio(worker.latency.p50, direct.latency.p50),
      p95: ratio(worker.latency.p95, direct.latency.p95),
      p99: ratio(worker.latency.p99, direct.latency.p99),
      throughput: ratio(worker.throughputPerS, direct.throughputPerS),
    },
    cutShort,
  };
}

/** The three sides in turn, the order rotating so that none always follows another. */
const ROTATIONS: readonly (readonly Side[])[] = [
  ['worker', 'direct', 'control'],
  ['direct', 'control', 'worker'],
  ['control', 'worker', 'direct'],
];

async function sequential(options: CheckoutOptions, deadline: number, orders: CheckoutResponse[]): Promise<CheckoutOverhead['sequential']> {
  const samples: Record<Side, Sample[]> = { worker: [], direct: [], control: [] };
  const elapsed: Record<Side, number> = { worker: 0, direct: 0, control: 0 };
  let cutShort = false;
  for (let i = 0; i < options.sequential; i++) {
    if (performance.now() > deadline) {
      cutShort = true;
      break;
    }
    for (const side of ROTATIONS[i % ROTATIONS.length] ?? []) {
      const sample = await call(side, options, orders);
      samples[side].push(sample);
      elapsed[side] += sample.ms;
    }
  }
  const result = runResult(sideResult(samples.worker, elapsed.worker), sideResult(samples.direct, elapsed.direct), cutShort);
  const controlSide = sideResult(samples.control, elapsed.control);
  return { ...result, control: controlSide, controlledP50: ratio(result.worker.latency.p50, result.direct.latency.p50 + controlSide.latency.p50) };
}

/** CPU of the Worker's runtime per checkout and per control, each run alone, one request at a time. */
async function cpuPhase(options: CheckoutOptions, orders: CheckoutResponse[]): Promise<CpuPerRequest> {
  const per = async (side: Side): Promise<number> => {
    const before = options.workerCpuMs();
    for (let i = 0; i < options.cpuSamples; i++) await call(side, options, orders);
    return (options.workerCpuMs() - before) / options.cpuSamples;
  };
  const checkoutMs = await per('worker');
  const controlMs = await per('control');
  return { checkoutMs, controlMs, requests: options.cpuSamples };
}

async function concurrent(options: CheckoutOptions, deadline: number, orders: CheckoutResponse[]): Promise<RunResult> {
  const samples: Record<Side, Sample[]> = { worker: [], direct: [], control: [] };
  const elapsed: Record<Side, number> = { worker: 0, direct: 0, control: 0 };
  let cutShort = false;
  const blocks = Math.ceil(options.concurrent / options.blockSize);
  for (let block = 0; block < blocks && !cutShort; block++) {
    const size = Math.min(options.blockSize, options.concurrent - block * options.blockSize);
    const order: readonly Side[] = block % 2 === 0 ? ['worker', 'direct'] : ['direct', 'worker'];
    for (const side of order) {
      const pool = await runPool(size, options.clients, deadline, () => call(side, options, orders));
      samples[side].push(...pool.results);
      elapsed[side] += pool.elapsedMs;
      if (pool.cutShort) cutShort = true;
    }
  }
  return runResult(sideResult(samples.worker, elapsed.worker), sideResult(samples.direct, elapsed.direct), cutShort);
}

/** Warms the sides up, then runs the sequential and the concurrent comparison, then the CPU phase. */
export async function measureCheckoutOverhead(options: CheckoutOptions): Promise<CheckoutOverhead> {
  const start = performance.now();
  const end = start + options.budgetMs;
  const orders: CheckoutResponse[] = [];
  await runPool(options.warmup, 4, end, () => call('worker', options, orders));
  await runPool(options.warmup, 4, end, () => call('direct', options, orders));
  await runPool(options.warmup, 4, end, () => call('control', options, orders));
  const sequentialRun = await sequential(options, start + options.budgetMs * 0.4, orders);
  const concurrentRun = await concurrent(options, end, orders);
  const cpu = await cpuPhase(options, orders);
  return { sequential: sequentialRun, concurrent: { ...concurrentRun, clients: options.clients }, cpu, orders };
}
