/**
 * A bounded pool of concurrent tasks: at most `concurrency` run at once, and
 * none starts after the deadline, so that every phase of `npm run bench`
 * stays within its share of the five-minute budget on a loaded machine. The
 * caller learns how many tasks actually ran, and reports that number rather
 * than the one it asked for.
 */

export interface PoolResult<T> {
  /** Results of the tasks that ran, in task order (index = task number). */
  readonly results: readonly T[];
  /** Tasks that were started (all of them finished: the pool waits). */
  readonly ran: number;
  /** True when the deadline stopped the pool before every task started. */
  readonly cutShort: boolean;
  /** Wall-clock time of the whole pool, milliseconds. */
  readonly elapsedMs: number;
}

/**
 * Runs `task(0) .. task(count - 1)`, `concurrency` at a time, starting none
 * after `deadline` (a `performance.now()` instant). A task that throws fails
 * the whole pool: benchmarks must not average over errors they did not see.
 */
export async function runPool<T>(count: number, concurrency: number, deadline: number, task: (index: number) => Promise<T>): Promise<PoolResult<T>> {
  const results: T[] = [];
  let next = 0;
  let cutShort = false;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    for (;;) {
      if (next >= count) return;
      if (performance.now() > deadline) {
        cutShort = true;
        return;
      }
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return { results: results.slice(0, next), ran: next, cutShort, elapsedMs: performance.now() - started };
}
