/**
 * The retry rule of every outbox in the project (the Worker's `order.paid`
 * deliveries, the sandbox's notifications): the first retry after `baseMs`,
 * doubling at each attempt, never longer than `maxMs`.
 */

/** The delay before the attempt after attempt number `attempt` (1 for the first). */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs = Number.POSITIVE_INFINITY): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}
