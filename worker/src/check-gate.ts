/**
 * The upstream budget of one order. However many notifications, returns and
 * re-checks arrive, at most one payment-service check is in flight, and two
 * checks start at least `spacingMs` apart. Every caller gets the answer of a
 * check that started after it arrived, shared with everyone who arrived
 * before that check started — unless the order became final meanwhile:
 * `final()` then answers every waiter without a further call.
 */

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class CheckGate<T> {
  readonly #spacingMs: number;
  #started = 0;
  #running: { readonly number: number; readonly done: Promise<T> } | undefined;
  #finishedAt = Number.NEGATIVE_INFINITY;
  /** The answer of the last check that finished, and that check's number. */
  #last: { readonly number: number; readonly answer: T } | undefined;

  constructor(spacingMs: number) {
    this.#spacingMs = spacingMs;
  }

  /** An answer fetched after this call, starting `check` only when no running or finished one will do. */
  async run(check: () => Promise<T>, final: () => T | undefined): Promise<T> {
    const arrival = this.#started;
    for (;;) {
      const last = this.#last;
      if (last && last.number > arrival) return last.answer;
      const running = this.#running;
      if (running && running.number > arrival) return running.done;
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
