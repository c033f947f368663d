/**
 * At most `maxInFlight` tasks at once, with a bounded line of tasks waiting
 * for a slot, first come first served. A finishing task hands its slot
 * straight to the next in line, so a newcomer can never slip in between
 * and exceed the bound.
 *
 * The collector bounds the tickets it records at once with one: each
 * ticket between endorsement and durable commit holds its proposal,
 * simulation results, records and promise chain, tens of kilobytes, and
 * without a bound four batches of 500 put 2,000 of them in memory while the
 * ledger, which commits a few thousand tickets a second, gains nothing from
 * the extra depth. Password hashing bounds its scrypt runs with another.
 */
export class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private head = 0;

  constructor(
    /** Tasks running at most. */
    readonly maxInFlight: number,
    /** Tasks waiting for a slot at most; beyond it `acquire` refuses. */
    readonly maxWaiting: number = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new Error('slots let at least one task through');
    }
  }

  /** Tasks running now. */
  get inFlight(): number {
    return this.active;
  }

  /** Tasks waiting for a slot now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /**
   * Waits for a slot.
   * @returns `false` at once when the line is full (the collector answers 503).
   */
  acquire(): Promise<boolean> | boolean {
    if (this.active < this.maxInFlight) {
      this.active++;
      return true;
    }
    if (this.queued >= this.maxWaiting) return false;
    return new Promise<boolean>((resolve) => this.waiting.push(() => resolve(true)));
  }

  /** Gives a slot back, to the longest waiting task if any. */
  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++]!;
      // Compact now and then rather than shift() each time (O(n) on a long line).
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next();
      return;
    }
    this.active--;
  }

  /**
   * Runs `task` in a slot, waiting for one; resolves or rejects as it does.
   * @throws {LineFullError} when the line is full.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (!(await this.acquire())) throw new LineFullError(this.maxWaiting);
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/** A task refused by {@link Slots.run}: its line was full. */
export class LineFullError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} tasks already waiting`);
    this.name = 'LineFullError';
  }
}
