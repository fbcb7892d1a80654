/**
 * The numbers the resilience suite proves, as each test records them on its
 * own task (`task.meta.resilience`) and the summary reporter adds them up in
 * the main process: requests tried and their status classes, wrong
 * fulfilments, lost orders, double fulfilments, the restart's tallies, what
 * the orders' own re-check schedule recovered and what it cost. A
 * test that fails before recording leaves its numbers out, and the reporter
 * says so.
 */

export interface ResilienceCounts {
  /** Every request this suite sent to the Worker, by status class. */
  readonly workerRequests: number;
  readonly worker2xx: number;
  readonly worker3xx: number;
  readonly worker4xx: number;
  readonly worker5xx: number;
  /** The bad-input corpus alone. */
  readonly corpusRequests: number;
  readonly corpus4xx: number;
  readonly corpus5xx: number;
  /** Corpus answers that do not come from the Worker (the HTTP layer refused the framing first). */
  readonly runtimeAnswers: number;
  /** Unusual but valid inputs at the boundaries, accepted as they should be. */
  readonly boundaryAccepted: number;
  readonly forgeryCases: number;
  readonly wrongFulfilments: number;
  readonly paidOrders: number;
  readonly lostOrders: number;
  readonly doubleFulfilments: number;
  /** Extra 2xx deliveries of an `order.paid` id already delivered: allowed (at least once), counted apart. */
  readonly sameIdRedeliveries: number;
  /** 5xx answers the faults were armed to cause (502 at checkout and admin reads, 503 at notify). */
  readonly injected5xx: number;
  readonly restartOrders: number;
  readonly restartVerified: number;
  readonly restartDelivered: number;
  /** Starvation (heal.test.ts): checkouts never paid, next to the one paid order whose notification was lost. */
  readonly starvationAbandoned: number;
  /** From the payment to the paid order's ACCEPTED transition (source `schedule`), in ms. */
  readonly starvationHealMs: number;
  readonly starvationPaidEvents: number;
  /** `checkPayStatus` calls the sandbox counted during the test, every order's re-checks included, and the most the schedule allows. */
  readonly starvationChecks: number;
  readonly starvationCheckBound: number;
  /** REFUSED (wrong OTP, notified), then paid with no notification. */
  readonly refusedOrders: number;
  readonly refusedBySchedule: number;
  readonly refusedByReturn: number;
  /** Notifications the Worker received for those orders after the successful payment: must be 0. */
  readonly refusedNotificationsAfterPayment: number;
  /** `checkPayStatus` calls the sandbox counted from each order's checkout to its ACCEPTED. */
  readonly refusedChecks: number;
  /** Re-checks through upstream faults (heal.test.ts): orders on their schedule, of them paid, faults taken, paid ACCEPTED by the schedule. */
  readonly faultedRecheckOrders: number;
  readonly faultedRecheckPaid: number;
  readonly faultedRecheckFaults: number;
  readonly faultedRecheckAccepted: number;
}

export type CountName = keyof ResilienceCounts;
export type PartialCounts = Partial<Record<CountName, number>>;

declare module '@vitest/runner' {
  interface TaskMeta {
    resilience?: PartialCounts;
  }
}

/** Adds `more` into `into`, name by name. */
export function addCounts(into: PartialCounts, more: PartialCounts | undefined): void {
  if (!more) return;
  for (const [name, value] of Object.entries(more) as [CountName, number | undefined][]) {
    if (value !== undefined) into[name] = (into[name] ?? 0) + value;
  }
}
