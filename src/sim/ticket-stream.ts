import type { Ticket } from '../format';
import { Random } from './random';
import { ReturnableSales } from './returnable-sales';
import type { SyntheticWorkload } from './workload';

/** How {@link syntheticTickets} mixes returns in. */
export interface TicketStreamOptions {
  /** Share of tickets that are returns of earlier sales of the stream (default 0.02). */
  readonly returnShare?: number;
  /** Seed of the choice of returns (default 1). */
  readonly seed?: number;
  /**
   * `issuedAt` of the first ticket; each next one is `spacingMs` (default 1 s)
   * later. By default the last ticket is issued now: files record the past.
   */
  readonly startAt?: Date;
  readonly spacingMs?: number;
}

/**
 * `count` tickets of a workload, to be sent later in this order (written to
 * files for `eter import`): sales, and about `returnShare` returns, each of
 * a sale that comes earlier in the stream. Issue times rise steadily, so a
 * return is always issued after its sale.
 */
export function* syntheticTickets(
  workload: SyntheticWorkload,
  count: number,
  options: TicketStreamOptions = {},
): Generator<Ticket> {
  const random = new Random(options.seed ?? 1);
  const earlier = new ReturnableSales(random);
  const spacing = options.spacingMs ?? 1000;
  const start = options.startAt?.getTime() ?? Date.now() - Math.max(0, count - 1) * spacing;
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * spacing);
    const original = random.chance(options.returnShare ?? 0.02) ? earlier.take() : undefined;
    const ticket =
      original === undefined ? workload.nextTicket(at) : workload.returnFor(original, at);
    earlier.add(ticket);
    yield ticket;
  }
}
