/**
 * A bound on the tickets the collector is recording at once, with a bounded
 * line of tickets waiting for a slot.
 *
 * Each ticket between endorsement and durable commit holds its proposal,
 * simulation results, records and promise chain: tens of kilobytes. Without
 * a bound, four batches of 500 put 2,000 of them in memory at once, and the
 * server's heap grows by a couple of hundred megabytes while the ledger,
 * which commits a few thousand tickets a second, gains nothing from the
 * extra depth. Waiting tickets hold only their parsed body, which the
 * request holds anyway.
 */
export class IntakeSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private head = 0;

  constructor(
    /** Tickets being recorded at most. */
    readonly maxInFlight: number,
    /** Tickets waiting for a slot at most; beyond it `acquire` refuses. */
    readonly maxWaiting: number,
  ) {}

  /** Tickets being recorded now. */
  get inFlight(): number {
    return this.active;
  }

  /** Tickets waiting for a slot now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /**
   * Waits for a slot, first come first served.
   * @returns `false` at once when the line is full: the caller answers 503.
   */
  acquire(): Promise<boolean> | boolean {
    if (this.active < this.maxInFlight) {
      this.active++;
      return true;
    }
    if (this.queued >= this.maxWaiting) return false;
    return new Promise<boolean>((resolve) => this.waiting.push(() => resolve(true)));
  }

  /** Gives a slot back, to the longest waiting ticket if any. */
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
}
