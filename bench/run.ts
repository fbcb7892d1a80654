/**
 * `npm run bench` (after `npm run build`): measures the widget's weight
 * against Lit alone, the checkout's overhead against a direct CinetPay call
 * and a control route, the Worker runtime's CPU per checkout and per
 * notification, and a notification storm against direct status checks, all
 * side by side in one run on one machine; prints the goals of issue 14 with
 * the issue's figures beside this run's, then ONE table whose headline
 * figures are ratios. It starts its own stack (the real Worker and the real
 * sandbox, two `wrangler dev` on loopback, fresh state in a temporary
 * folder), keeps the whole run inside a time budget, writes results.json and
 * cost.md (the cost of 1 million payments a month, from this run's counts)
 * under .tmp/bench/ (with `--write`: bench/results.json and docs/cost.md, the
 * tracked ones), and exits non-zero if a correctness check of the storm
 * failed.
 *
 * Environment: BENCH_ORDERS (1000), BENCH_WORKER_PORT (28787),
 * BENCH_SANDBOX_PORT (28788), BENCH_BUDGET_S (270: seconds for everything
 * after the build), CINETPAY_API (v1; `CINETPAY_API=v2 npm run bench` runs
 * the same measures on checkout v2, bench/generation.ts, and writes
 * bench/results-v2.json, leaving docs/cost.md to the v1 run).
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiFromEnvironment, startStack } from '../scripts/stack';
import { weighDropIns } from '../scripts/widget-budget';
import { ROOT } from '../scripts/wrangler-dev';
import { type CheckoutOverhead, measureCheckoutOverhead, type RunResult } from './checkout-overhead';
import { ipCounter } from './clients';
import { costMarkdown } from './cost-doc';
import { type CostReport, costAtScale, type MeasuredFlow } from './cost-model';
import { generation } from './generation';
import { type Goal, renderGoals } from './goals';
import { runNotificationStorm, type StormResult } from './notification-storm';
import { cpuMs, workerdBelow } from './process-cpu';
import { objectSizes } from './sqlite-size';
import { percentile, round, roundSummary, summarize } from './stats';
import { count, kb, ms, type Row, renderTable, times, usd } from './table';
import { measureWidgetWeight, type Weight, type WidgetWeight } from './widget-weight';

const PAYMENTS_PER_MONTH = 1_000_000;
/** The CinetPay API this run measures, and its direct baselines. */
const GENERATION = generation(apiFromEnvironment());
const COPIES = 5;
const MAX_IN_FLIGHT = 64;
const CLIENTS = 32;
/**
 * How the time budget is shared, the storm first: the checkout comparison
 * gets this share of what is left when it starts, the storm's preparation
 * this share of what is left before the tail, the storm itself the rest.
 */
const CHECKOUT_SHARE = 0.22;
const PREPARE_SHARE = 0.2;
/** Kept after the storm for the return/status sample, the audit, the webhook count and stopping the stack. */
const TAIL_RESERVE_MS = 30_000;
/**
 * `checkPayStatus` calls per order of the last full run before the check
 * gate (worker/src/check-gate.ts), commit 12aa10d: each of the 5 copies
 * shared a call only if it started after the copy arrived.
 */
const UPSTREAM_CHECKS_BEFORE_GATE = 1.99;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** `--write`: rewrite the tracked bench/results.json and docs/cost.md; without it, everything goes under .tmp/bench/. */
const WRITE_TRACKED = process.argv.includes('--write');
const RESULTS_FILE = GENERATION.api === 'v1' ? 'results.json' : `results-${GENERATION.api}.json`;
const OUTPUT = WRITE_TRACKED
  ? { results: join(ROOT, 'bench', RESULTS_FILE), cost: join(ROOT, 'docs', 'cost.md') }
  : { results: join(ROOT, '.tmp', 'bench', RESULTS_FILE), cost: join(ROOT, '.tmp', 'bench', 'cost.md') };

const config = {
  orders: positiveInteger('BENCH_ORDERS', 1000),
  workerPort: positiveInteger('BENCH_WORKER_PORT', 28787),
  sandboxPort: positiveInteger('BENCH_SANDBOX_PORT', 28788),
  budgetS: positiveInteger('BENCH_BUDGET_S', 270),
  checkoutSequential: 200,
  checkoutConcurrent: 1000,
  clients: CLIENTS,
  copies: COPIES,
  maxInFlight: MAX_IN_FLIGHT,
};

function weightRows(widget: WidgetWeight): Row[] {
  const floor = widget.litFloor;
  const row = (figure: string, weight: Weight, pick: (w: Weight) => number, note: string): Row => ({
    section: 'widget weight',
    figure,
    ours: kb(pick(weight)),
    baseline: kb(pick(floor)),
    ratio: times(pick(weight) / pick(floor)),
    note,
  });
  return [
    row('esbuild bundle, gzip', widget.widgetEsbuild, (w) => w.gzip, "widget/src/drop-in/cinetpay-elements.ts vs export * from 'lit', same esbuild settings"),
    row('esbuild bundle, brotli', widget.widgetEsbuild, (w) => w.brotli, ''),
    row('esbuild bundle, raw', widget.widgetEsbuild, (w) => w.raw, ''),
    row(
      'shipped ES module, gzip',
      widget.shippedEs,
      (w) => w.gzip,
      `dist/widget/cinetpay-elements.js, the all-in-one (vite); raw ${kb(widget.shippedEs.raw)}, brotli ${kb(widget.shippedEs.brotli)}`,
    ),
    row(
      'shipped IIFE, gzip',
      widget.shippedIife,
      (w) => w.gzip,
      `dist/widget/cinetpay-elements.iife.js; raw ${kb(widget.shippedIife.raw)}, brotli ${kb(widget.shippedIife.brotli)}`,
    ),
  ];
}

function checkoutRows(result: CheckoutOverhead): Row[] {
  const rows: Row[] = [];
  const seq = result.sequential;
  const conc = result.concurrent;
  const failures = (run: RunResult): string =>
    run.worker.failures + run.direct.failures > 0 ? `; FAILED worker ${run.worker.failures}, direct ${run.direct.failures}` : '';
  for (const p of ['p50', 'p95', 'p99'] as const) {
    rows.push({
      section: 'checkout',
      figure: `sequential ${p}`,
      ours: ms(seq.worker.latency[p]),
      baseline: ms(seq.direct.latency[p]),
      ratio: times(seq.ratios[p]),
      note:
        p === 'p50'
          ? `POST /api/checkout vs ${GENERATION.directCheckoutName} direct (CinetPay ${GENERATION.api}); ${seq.worker.latency.count} + ${seq.direct.latency.count} interleaved${seq.cutShort ? ' (CUT SHORT by the time budget)' : ''}${failures(seq)}`
          : '',
    });
  }
  rows.push({
    section: 'checkout',
    figure: 'control p50',
    ours: ms(seq.control.latency.p50),
    baseline: '',
    ratio: '',
    note: `GET /healthz through the same local runtime, interleaved with the two above; ${seq.control.latency.count} requests`,
  });
  rows.push({
    section: 'checkout',
    figure: 'p50 / (direct + control)',
    ours: ms(seq.worker.latency.p50),
    baseline: ms(seq.direct.latency.p50 + seq.control.latency.p50),
    ratio: times(seq.controlledP50),
    note: "the Worker's cost with the local runtime's own per-request cost taken out",
  });
  rows.push({
    section: 'checkout',
    figure: 'Worker CPU per checkout',
    ours: ms(result.cpu.checkoutMs),
    baseline: ms(result.cpu.controlMs),
    ratio: times(result.cpu.checkoutMs / result.cpu.controlMs),
    note: `utime+stime of the Worker's workerd (/proc), ${result.cpu.requests} checkouts then ${result.cpu.requests} controls, one at a time`,
  });
  for (const p of ['p50', 'p95', 'p99'] as const) {
    rows.push({
      section: 'checkout',
      figure: `${conc.clients} clients ${p}`,
      ours: ms(conc.worker.latency[p]),
      baseline: ms(conc.direct.latency[p]),
      ratio: times(conc.ratios[p]),
      note:
        p === 'p50'
          ? `${conc.worker.latency.count} + ${conc.direct.latency.count} in alternating blocks${conc.cutShort ? ' (CUT SHORT by the time budget)' : ''}${failures(conc)}`
          : '',
    });
  }
  rows.push({
    section: 'checkout',
    figure: `${conc.clients} clients throughput`,
    ours: `${conc.worker.throughputPerS.toFixed(1)}/s`,
    baseline: `${conc.direct.throughputPerS.toFixed(1)}/s`,
    ratio: times(conc.ratios.throughput),
    note: 'requests per second (lower ratio = costlier)',
  });
  return rows;
}

function stormRows(storm: StormResult): Row[] {
  const webhooks = storm.webhooks;
  const exact = webhooks.distinct === webhooks.expected && webhooks.duplicates === 0 && webhooks.foreign === 0;
  const others = Object.entries(storm.worker.outcomes).filter(([outcome]) => outcome !== 'ACCEPTED');
  const workerFailures =
    storm.worker.failures > 0 ? `; ${storm.worker.failures} answered otherwise: ${others.map(([outcome, n]) => `${n} x ${outcome}`).join(', ')}` : '';
  return [
    {
      section: 'notification storm',
      figure: 'notifications per second',
      ours: `${storm.worker.perSecond.toFixed(1)}/s`,
      baseline: `${storm.direct.perSecond.toFixed(1)}/s`,
      ratio: times(storm.ratios.throughput),
      note: `${count(storm.ordersNotified)} orders x ${storm.copies} at once, <= ${storm.maxInFlight} in flight; /notify vs ${GENERATION.directCheckName} direct (CinetPay ${GENERATION.api})${storm.cutShort ? ' (CUT SHORT by the time budget)' : ''}${workerFailures}`,
    },
    {
      section: 'notification storm',
      figure: 'Worker CPU per notification',
      ours: ms(storm.workerCpuMsPerNotification),
      baseline: '',
      ratio: '',
      note: "utime+stime of the Worker's workerd over its storm blocks, per notification (verification, writes, index, order.paid)",
    },
    {
      section: 'notification storm',
      figure: 'latency p50',
      ours: ms(storm.worker.latency.p50),
      baseline: ms(storm.direct.latency.p50),
      ratio: times(storm.ratios.p50),
      note: '',
    },
    {
      section: 'notification storm',
      figure: 'latency p99',
      ours: ms(storm.worker.latency.p99),
      baseline: ms(storm.direct.latency.p99),
      ratio: times(storm.ratios.p99),
      note: '',
    },
    {
      section: 'notification storm',
      figure: 'distinct order.paid ids',
      ours: count(webhooks.distinct),
      baseline: count(webhooks.expected),
      ratio: times(webhooks.distinct / webhooks.expected),
      note: `${exact ? 'exactly once' : 'NOT EXACTLY ONCE'}: duplicates ${webhooks.duplicates}, foreign ${webhooks.foreign}, refused ${webhooks.refused}${webhooks.stable ? '' : ', count still moving at timeout'}; settled ${(webhooks.settledAfterMs / 1000).toFixed(1)} s after the storm`,
    },
    {
      section: 'notification storm',
      figure: 'orders re-notified after it',
      ours: count(storm.retries.ordersRecovered),
      baseline: count(storm.retries.ordersRetried),
      ratio: '',
      note: `recovered / needing it (no copy ACCEPTED in the burst); ${storm.retries.notificationsSent} retries, as CinetPay would send`,
    },
    {
      section: 'notification storm',
      figure: `${GENERATION.checkTarget} calls per order`,
      ours: storm.upstreamChecksPerOrder.toFixed(2),
      baseline: UPSTREAM_CHECKS_BEFORE_GATE.toFixed(2),
      ratio: times(storm.upstreamChecksPerOrder / UPSTREAM_CHECKS_BEFORE_GATE),
      note:
        `baseline: before the check gate (12aa10d); counted by the sandbox (GET /__sandbox/stats) around the Worker's blocks, over ${count(storm.upstreamChecksOrders)} orders` +
        (storm.upstreamCountResets > 0 ? ` (${storm.upstreamCountResets} block(s) left out: the sandbox's in-memory count restarted)` : '') +
        `; ${storm.audit.notExactlyOnceAccepted} of ${storm.audit.sampled} audited Order objects not accepted exactly once`,
    },
    {
      section: 'notification storm',
      figure: 'return + status after storm',
      ours: count(storm.afterwards.returnsAccepted + storm.afterwards.statusAccepted),
      baseline: count(storm.afterwards.returns + storm.afterwards.statusPolls),
      ratio: times((storm.afterwards.returnsAccepted + storm.afterwards.statusAccepted) / (storm.afterwards.returns + storm.afterwards.statusPolls)),
      note: `answers saying ACCEPTED; return p50 ${ms(storm.afterwards.returnLatency.p50)}, status p50 ${ms(storm.afterwards.statusLatency.p50)}`,
    },
  ];
}

function costRows(report: CostReport): Row[] {
  const rows: Row[] = report.lines.map((entry) => ({
    section: `cost, ${count(report.payments)} payments/month`,
    figure: entry.item,
    ours: `${count(entry.monthly)} ${entry.unit}`,
    baseline: `${count(entry.included)} incl.`,
    ratio: usd(entry.usd),
    note: `${entry.usage.source}: ${entry.usage.note}`,
  }));
  rows.push({
    section: `cost, ${count(report.payments)} payments/month`,
    figure: 'total',
    ours: '',
    baseline: '',
    ratio: usd(report.totalUsd),
    note: `${usd(report.perThousandPaymentsUsd)} per 1,000 payments; details in docs/cost.md`,
  });
  return rows;
}

/** The flow of one paid order, from the storm's counts (per order notified). */
function measuredFlow(checkout: CheckoutOverhead, storm: StormResult, sqliteBytes: number): MeasuredFlow {
  const orders = Math.max(1, storm.ordersNotified);
  const webhookDeliveries = storm.webhooks.expected > 0 ? storm.webhooks.deliveries / storm.webhooks.expected : 1;
  const alarms = 1 + webhookDeliveries;
  const activeMs =
    checkout.sequential.worker.latency.p50 +
    storm.worker.latency.p95 +
    storm.afterwards.returnLatency.p50 +
    storm.afterwards.statusLatency.p50 +
    alarms * storm.direct.latency.p50;
  return {
    checkouts: 1,
    notifications: (storm.worker.notifications + storm.retries.notificationsSent) / orders,
    // Each order of the sample made exactly one return and one status poll, as a customer's browser does.
    returns: storm.afterwards.returns > 0 ? 1 : 0,
    statusPolls: storm.afterwards.statusPolls > 0 ? 1 : 0,
    webhookDeliveries,
    upstreamChecks: storm.upstreamChecksPerOrder,
    activeSeconds: activeMs / 1000,
    sqliteBytes,
  };
}

/** Checkouts, then controls, sent one at a time while the Worker's CPU time is read. */
const CPU_SAMPLES = 100;

/**
 * Files under the Worker's persisted KV folder: every KV write leaves one.
 * The Worker has no KV binding since the index moved to D1, so this counts
 * what a regression would add.
 */
function kvFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true }).filter((entry) => statSync(join(dir, String(entry))).isFile()).length;
  } catch {
    return 0;
  }
}

/** The widget's drop-in files that a page loads, gzip. */
function dropInGzip(file: string): number {
  const weight = weighDropIns(join(ROOT, 'dist', 'widget')).find((entry) => entry.file === file);
  if (!weight) throw new Error(`dist/widget/${file} is missing: run npm run build`);
  return weight.gzip;
}

/** Every row of issue 14's goals: the issue's figure, this run's, the goal. */
function goalRows(checkout: CheckoutOverhead, storm: StormResult, report: CostReport, kvWrites: number, paidOrders: number): Goal[] {
  const size = (figure: string, file: string, goalKb: number): Goal => {
    const gzip = dropInGzip(file);
    return { figure, today: '13.46 kB', now: kb(gzip), goal: `<= ${goalKb} kB`, met: gzip <= goalKb * 1024, note: `dist/widget/${file}, Lit included` };
  };
  const cpuCheckout = checkout.cpu.checkoutMs;
  const cpuNotification = storm.workerCpuMsPerNotification;
  const kvPerOrder = kvWrites / Math.max(1, paidOrders);
  return [
    size('page with only the button, gzip', 'cinetpay-button.js', 7.5),
    size('page with only the status element, gzip', 'cinetpay-status.js', 7.5),
    size('all-in-one drop-in, gzip', 'cinetpay-elements.js', 9),
    {
      figure: 'checkout p50 / (direct + control)',
      today: 'not measured',
      now: times(checkout.sequential.controlledP50),
      goal: '<= 1.3x',
      met: checkout.sequential.controlledP50 <= 1.3,
      note: `${ms(checkout.sequential.worker.latency.p50)} / (${ms(checkout.sequential.direct.latency.p50)} + ${ms(checkout.sequential.control.latency.p50)})`,
    },
    {
      figure: 'Worker CPU per checkout / per notification',
      today: '~7 ms / ~2.4 ms',
      now: `${ms(cpuCheckout)} / ${ms(cpuNotification)}`,
      goal: '<= 3 ms / <= 1.5 ms',
      met: cpuCheckout <= 3 && cpuNotification <= 1.5,
      note: `the Worker's workerd process; a control request costs ${ms(checkout.cpu.controlMs)}`,
    },
    {
      figure: 'storm throughput / direct checkPayStatus',
      today: '0.24x',
      now: times(storm.ratios.throughput),
      goal: '>= 0.6x',
      met: storm.ratios.throughput >= 0.6,
      note: `${storm.worker.perSecond.toFixed(1)}/s vs ${storm.direct.perSecond.toFixed(1)}/s`,
    },
    {
      figure: 'KV writes and deletes per paid order',
      today: 'at least 3',
      now: kvPerOrder.toFixed(2),
      goal: '<= 1 (0 with the index in D1)',
      met: kvPerOrder === 0,
      note: `${kvWrites} files in the persisted KV folder after ${paidOrders} paid orders`,
    },
    {
      figure: 'cost of 1 M payments a month',
      today: '$23.54',
      now: usd(report.totalUsd),
      goal: '<= $12',
      met: report.totalUsd <= 12,
      note: 'docs/cost.md',
    },
  ];
}

/** RECHECK_SCHEDULE of wrangler.toml's production `[vars]` (the first one in the file). */
function recheckSchedule(): string {
  const schedule = /^RECHECK_SCHEDULE = "([^"]+)"$/m.exec(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'))?.[1];
  if (schedule === undefined) throw new Error('wrangler.toml has no RECHECK_SCHEDULE');
  return schedule;
}

/** The Order namespace's folder under `--persist-to` (its name carries the Worker's name). */
function orderNamespaceDir(persistTo: string): string | null {
  const doDir = join(persistTo, 'worker', 'v3', 'do');
  try {
    const name = readdirSync(doDir).find((entry) => entry.endsWith('-Order'));
    return name === undefined ? null : join(doDir, name);
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const deadline = started + config.budgetS * 1000;
  const remaining = (): number => deadline - performance.now();
  const loadAtStart = loadavg();
  console.log(
    `bench: ${config.orders} orders, budget ${config.budgetS} s, ports ${config.workerPort}/${config.sandboxPort}, load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );

  const widget = await measureWidgetWeight(ROOT);
  console.log(`bench: widget weighed (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const persistTo = mkdtempSync(join(tmpdir(), 'cinetpay-bench-'));
  const nextIp = ipCounter();
  let checkout: CheckoutOverhead;
  let storm: StormResult;
  // No order re-checks itself during the run (RECHECK_SCHEDULE is 2m first in the sandbox environment): an order accepted by its
  // schedule before the storm reaches it would make the storm measure answers from the ACCEPTED state, not verifications.
  const stack = await startStack({
    api: GENERATION.api,
    workerPort: config.workerPort,
    sandboxPort: config.sandboxPort,
    persistTo,
    workerVars: { RECHECK_SCHEDULE: '1d' },
  });
  try {
    console.log(`bench: stack up at ${stack.workerUrl} and ${stack.sandboxUrl} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const workerd = workerdBelow(stack.worker.pid, config.workerPort).worker;
    const workerCpuMs = (): number => cpuMs(workerd);
    checkout = await measureCheckoutOverhead({
      workerCpuMs,
      cpuSamples: CPU_SAMPLES,
      generation: GENERATION,
      workerUrl: stack.workerUrl,
      sandboxUrl: stack.sandboxUrl,
      sequential: config.checkoutSequential,
      concurrent: config.checkoutConcurrent,
      clients: config.clients,
      blockSize: 100,
      warmup: 20,
      budgetMs: Math.max(10_000, CHECKOUT_SHARE * remaining()),
      nextIp,
    });
    console.log(`bench: checkout measured (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    storm = await runNotificationStorm({
      workerCpuMs,
      generation: GENERATION,
      workerUrl: stack.workerUrl,
      sandboxUrl: stack.sandboxUrl,
      orders: config.orders,
      copies: config.copies,
      maxInFlight: config.maxInFlight,
      prepareConcurrency: 16,
      blockOrders: 100,
      prepareBudgetMs: Math.max(10_000, PREPARE_SHARE * (remaining() - TAIL_RESERVE_MS)),
      stormEndsAt: deadline - TAIL_RESERVE_MS,
      webhookWaitMs: 30_000,
      checkouts: checkout.orders,
      auditSample: 100,
      afterwardsSample: 200,
      nextIp,
    });
    console.log(`bench: storm done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await stack.stop();
  }

  const namespace = orderNamespaceDir(persistTo);
  const sizes = namespace === null ? [] : objectSizes(namespace);
  const kvWrites = kvFiles(join(persistTo, 'worker', 'v3', 'kv'));
  rmSync(persistTo, { recursive: true, force: true });
  // The paid orders' objects are the largest (a PENDING-only one holds less); the median of that many largest is one paid order.
  const paidSizes = sizes.slice(0, Math.max(1, storm.ordersNotified));
  const sqliteBytes = percentile(
    [...paidSizes].sort((a, b) => a - b),
    50,
  );

  const flow = measuredFlow(checkout, storm, sqliteBytes);
  const report = costAtScale(flow, PAYMENTS_PER_MONTH);
  const generatedAt = new Date().toISOString();
  mkdirSync(join(ROOT, '.tmp', 'bench'), { recursive: true });
  if (GENERATION.api === 'v1')
    writeFileSync(
      OUTPUT.cost,
      costMarkdown({
        generatedAt,
        ordersNotified: storm.ordersNotified,
        copies: storm.copies,
        flow,
        report,
        recheckSchedule: recheckSchedule(),
        upstreamChecksBefore: UPSTREAM_CHECKS_BEFORE_GATE,
      }),
    );

  const table = renderTable([...weightRows(widget), ...checkoutRows(checkout), ...stormRows(storm), ...costRows(report)]);
  const goals = renderGoals(goalRows(checkout, storm, report, kvWrites, storm.ordersNotified));
  const runSeconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadavg();
  const webhooks = storm.webhooks;
  const correct =
    webhooks.distinct === webhooks.expected &&
    webhooks.duplicates === 0 &&
    webhooks.foreign === 0 &&
    storm.audit.notExactlyOnceAccepted === 0 &&
    storm.audit.unreadable === 0;

  const results = {
    generatedAt,
    runSeconds: round(runSeconds, 1),
    machine: {
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: loadAtStart.map((l) => round(l)),
      loadAverageAtEnd: loadAtEnd.map((l) => round(l)),
    },
    config,
    exactlyOnce: correct,
    widget: {
      litFloor: widget.litFloor,
      widgetEsbuild: widget.widgetEsbuild,
      shippedEs: widget.shippedEs,
      shippedIife: widget.shippedIife,
      gzipRatioToLit: {
        widgetEsbuild: round(widget.ratios.widgetEsbuild, 3),
        shippedEs: round(widget.ratios.shippedEs, 3),
        shippedIife: round(widget.ratios.shippedIife, 3),
      },
    },
    checkout: {
      sequential: {
        worker: {
          ...checkout.sequential.worker,
          latency: roundSummary(checkout.sequential.worker.latency),
          throughputPerS: round(checkout.sequential.worker.throughputPerS),
        },
        direct: {
          ...checkout.sequential.direct,
          latency: roundSummary(checkout.sequential.direct.latency),
          throughputPerS: round(checkout.sequential.direct.throughputPerS),
        },
        ratios: { p50: round(checkout.sequential.ratios.p50, 3), p95: round(checkout.sequential.ratios.p95, 3), p99: round(checkout.sequential.ratios.p99, 3) },
        cutShort: checkout.sequential.cutShort,
      },
      concurrent: {
        clients: checkout.concurrent.clients,
        worker: {
          ...checkout.concurrent.worker,
          latency: roundSummary(checkout.concurrent.worker.latency),
          throughputPerS: round(checkout.concurrent.worker.throughputPerS),
        },
        direct: {
          ...checkout.concurrent.direct,
          latency: roundSummary(checkout.concurrent.direct.latency),
          throughputPerS: round(checkout.concurrent.direct.throughputPerS),
        },
        ratios: {
          p50: round(checkout.concurrent.ratios.p50, 3),
          p95: round(checkout.concurrent.ratios.p95, 3),
          p99: round(checkout.concurrent.ratios.p99, 3),
          throughput: round(checkout.concurrent.ratios.throughput, 3),
        },
        cutShort: checkout.concurrent.cutShort,
      },
    },
    storm: {
      ...storm,
      prepareMs: round(storm.prepareMs, 0),
      worker: { ...storm.worker, latency: roundSummary(storm.worker.latency), perSecond: round(storm.worker.perSecond) },
      direct: { ...storm.direct, latency: roundSummary(storm.direct.latency), perSecond: round(storm.direct.perSecond) },
      ratios: { p50: round(storm.ratios.p50, 3), p99: round(storm.ratios.p99, 3), throughput: round(storm.ratios.throughput, 3) },
      afterwards: {
        ...storm.afterwards,
        returnLatency: roundSummary(storm.afterwards.returnLatency),
        statusLatency: roundSummary(storm.afterwards.statusLatency),
      },
      webhooks: { ...webhooks, settledAfterMs: round(webhooks.settledAfterMs, 0) },
      audit: {
        ...storm.audit,
        upstreamChecksPerOrder: round(storm.upstreamChecksPerOrder, 3),
        notificationsPerOrder: round(storm.audit.notificationsPerOrder, 3),
        deliveryAttemptsPerOrder: round(storm.audit.deliveryAttemptsPerOrder, 3),
      },
    },
    orderObjectBytes: { objects: sizes.length, paidOrderMedian: sqliteBytes, summary: roundSummary(summarize(sizes)) },
    cost: {
      flow: {
        ...flow,
        activeSeconds: round(flow.activeSeconds, 3),
        notifications: round(flow.notifications, 3),
        upstreamChecks: round(flow.upstreamChecks, 3),
      },
      totalUsd: round(report.totalUsd),
      perThousandPaymentsUsd: round(report.perThousandPaymentsUsd, 4),
      lines: report.lines.map((entry) => ({
        item: entry.item,
        source: entry.usage.source,
        perPayment: entry.usage.perPayment,
        monthly: entry.monthly,
        included: entry.included,
        billable: entry.billable,
        usd: round(entry.usd, 4),
      })),
    },
    kvWritesPerPaidOrder: kvWrites / Math.max(1, storm.ordersNotified),
    goals: goals.split('\n'),
    table: table.split('\n'),
  };
  writeFileSync(OUTPUT.results, `${JSON.stringify({ api: GENERATION.api, ...results }, null, 2)}\n`);

  console.log(`\nThe goals of issue 14:\n${goals}\n`);
  console.log(`\n${table}\n`);
  console.log(`Ratios are ours / baseline, measured side by side in this run; absolute times on a shared machine are noise.`);
  console.log(
    `Run time ${runSeconds.toFixed(1)} s after the build; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')} at end.`,
  );
  console.log(
    `Wrote ${OUTPUT.results.slice(ROOT.length + 1)}${GENERATION.api === 'v1' ? ` and ${OUTPUT.cost.slice(ROOT.length + 1)}` : " (docs/cost.md stays the v1 run's)"}${WRITE_TRACKED ? '' : ' (add --write to rewrite the tracked files)'}.`,
  );
  if (!correct) {
    console.error(`bench: the storm's exactly-once check FAILED: ${JSON.stringify({ webhooks, audit: storm.audit })}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
