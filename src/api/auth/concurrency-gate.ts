/**
 * Lets at most `limit` tasks run at once; the others wait their turn in
 * arrival order. A finishing task hands its slot straight to the next in
 * line, so a newcomer can never slip in between and exceed the limit.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('a gate lets at least one through');
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Runs `task` once a slot is free; resolves or rejects as it does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.running--;
      else next();
    }
  }
}
