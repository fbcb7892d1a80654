/**
 * The upstream budget of one order. However many notifications, returns and
 * re-checks arrive, at most one payment-service check is in flight, two
 * checks start at least `spacingMs` apart, and callers that accept a recent
 * answer (a customer's return) reuse one younger than `reuseMs`. A caller
 * that needs an answer fetched after it arrived (a notification) gets one,
 * unless the order became final meanwhile: `final()` then answers every
 * waiter without a further call.
 */

/** `recent`: any answer younger than `reuseMs` will do; `after-arrival`: only a check started after the call. */
export type Freshness = 'recent' | 'after-arrival';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class CheckGate<T> {
  readonly #spacingMs: number;
  readonly #reuseMs: number;
  #started = 0;
  #running: { readonly number: number; readonly done: Promise<T> } | undefined;
  #finishedAt = Number.NEGATIVE_INFINITY;
  /** The answer of the last check that finished, and that check's number. */
  #last: { readonly number: number; readonly answer: T } | undefined;

  constructor(spacingMs: number, reuseMs: number) {
    this.#spacingMs = spacingMs;
    this.#reuseMs = reuseMs;
  }

  /** How many checks this gate has started. */
  get started(): number {
    return this.#started;
  }

  /** An answer as fresh as `need` says, starting `check` only when no running or recent one will do. */
  async run(need: Freshness, check: () => Promise<T>, final: () => T | undefined): Promise<T> {
    const arrival = this.#started;
    for (;;) {
      const last = this.#last;
      if (last && (last.number > arrival || (need === 'recent' && Date.now() - this.#finishedAt < this.#reuseMs))) return last.answer;
      const running = this.#running;
      if (running && (need === 'recent' || running.number > arrival)) return running.done;
      if (running) {
        // Settled, not resolved: a failed check still lets the waiters decide for themselves.
        await running.done.then(
          () => undefined,
          () => undefined,
        );
        const settled = final();
        if (settled !== undefined) return settled;
        continue;
      }
      const wait = this.#finishedAt + this.#spacingMs - Date.now();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      return this.#start(check);
    }
  }

  #start(check: () => Promise<T>): Promise<T> {
    const number = ++this.#started;
    const done = check();
    this.#running = { number, done };
    // Registered before any waiter's, so that waiters wake to a cleared gate and the recorded answer.
    const finish = (answer: T | undefined): void => {
      this.#finishedAt = Date.now();
      this.#last = answer === undefined ? undefined : { number, answer };
      if (this.#running?.number === number) this.#running = undefined;
    };
    done.then(finish, () => finish(undefined));
    return done;
  }
}
