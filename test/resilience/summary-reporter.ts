/**
 * Prints what `npm run test:resilience` proved, after vitest's own summary:
 * it adds up the counts every test recorded in `task.meta.resilience`
 * (test/resilience/counts.ts) and prints one table — requests tried, 4xx and
 * 5xx seen, wrong fulfilments, lost orders, double fulfilments, the restart's
 * orders / verified / delivered, and what the orders' own re-check schedule
 * did: the starvation test, REFUSED orders paid later, re-checks through
 * faults. A number no test recorded (its test failed first) shows as "n/a".
 */

import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { addCounts, type CountName, type PartialCounts } from './counts';

export default class ResilienceSummaryReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const total: PartialCounts = {};
    let failed = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        addCounts(total, test.meta().resilience);
        if (test.result().state === 'failed') failed++;
      }
    }
    const n = (name: CountName): string => (total[name] === undefined ? 'n/a' : String(total[name]));
    const seconds = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
    const lines = [
      '',
      ' Resilience summary',
      ' ──────────────────────────────────────────────────────────────────────',
      ` bad-input corpus   requests tried       ${n('corpusRequests')}`,
      `                    4xx seen             ${n('corpus4xx')}`,
      `                    5xx seen             ${n('corpus5xx')}`,
      `                    answered by the HTTP layer or local runtime, not the Worker: ${n('runtimeAnswers')}`,
      `                    valid boundary inputs accepted: ${n('boundaryAccepted')}`,
      ` forgery            cases ${n('forgeryCases')}`,
      ` payments           paid orders ${n('paidOrders')} (all tests)`,
      ` wrong fulfilments  ${n('wrongFulfilments')}`,
      ` lost orders        ${n('lostOrders')}`,
      ` double fulfilments ${n('doubleFulfilments')}`,
      ` same-id order.paid redeliveries (allowed, counted apart): ${n('sameIdRedeliveries')}`,
      ` restart            orders ${n('restartOrders')} / verified ${n('restartVerified')} / delivered ${n('restartDelivered')}`,
      ` starvation         1 paid order (notification lost) among ${n('starvationAbandoned')} abandoned checkouts: ACCEPTED by its schedule` +
        ` ${seconds(total.starvationHealMs)} after payment, order.paid ids ${n('starvationPaidEvents')};` +
        ` checkPayStatus calls ${n('starvationChecks')} (at most ${n('starvationCheckBound')}: one per order and offset due)`,
      ` REFUSED recovery   ${n('refusedOrders')} orders refused (wrong OTP, notified), then paid with no notification: ACCEPTED by the schedule` +
        ` ${n('refusedBySchedule')}, by /return ${n('refusedByReturn')}; notifications after payment ${n('refusedNotificationsAfterPayment')};` +
        ` checkPayStatus calls ${n('refusedChecks')}`,
      ` faulted re-checks  ${n('faultedRecheckOrders')} orders on their schedule (${n('faultedRecheckPaid')} paid silently), ${n('faultedRecheckFaults')}` +
        ` checkPayStatus faults taken: paid ACCEPTED by the schedule ${n('faultedRecheckAccepted')}`,
      ` all Worker answers ${n('workerRequests')} requests: 2xx ${n('worker2xx')}, 3xx ${n('worker3xx')}, 4xx ${n('worker4xx')}, 5xx ${n('worker5xx')}` +
        ` (${n('injected5xx')} of them 502/503 caused by injected upstream faults)`,
      ...(failed > 0 ? [` ${failed} test(s) failed: their numbers may be missing or partial`] : []),
      '',
    ];
    const log = this.#vitest ? (text: string) => this.#vitest?.logger.log(text) : (text: string) => console.log(text);
    log(lines.join('\n'));
  }
}
