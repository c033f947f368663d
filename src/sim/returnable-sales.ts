import type { Ticket } from '../format';
import type { Random } from './random';

/**
 * Sales that a return may refer to: only tickets known to be on the ledger
 * (acknowledged by the collector, or written before the returns when
 * generating files), because the contract refuses a return whose original
 * is not recorded. Each sale is returned at most once. Bounded: past
 * `capacity`, a new sale replaces a random one, so memory stays flat on long
 * runs while returns still reach back in time.
 */
export class ReturnableSales {
  private readonly sales: Ticket[] = [];

  constructor(
    private readonly random: Random,
    private readonly capacity = 5_000,
  ) {}

  /** How many sales could be returned now. */
  get size(): number {
    return this.sales.length;
  }

  /** Adds a recorded sale (returns themselves are never returned). */
  add(ticket: Ticket): void {
    if (ticket.type !== 'sale') return;
    if (this.sales.length < this.capacity) this.sales.push(ticket);
    else this.sales[this.random.int(0, this.capacity - 1)] = ticket;
  }

  /** Removes and returns a random sale; `undefined` when there is none. */
  take(): Ticket | undefined {
    if (this.sales.length === 0) return undefined;
    const i = this.random.int(0, this.sales.length - 1);
    const last = this.sales.pop()!;
    if (i === this.sales.length) return last;
    const taken = this.sales[i]!;
    this.sales[i] = last;
    return taken;
  }
}
