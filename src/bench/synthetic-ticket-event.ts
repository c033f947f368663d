import { DEFAULT_POINTS_RATE_BP, pointsFor, type TicketRecordedEvent } from '../contract';
import { companyPrefixSpace, contentHash, toMinorUnits, type Ticket } from '../format';
import type { SyntheticManufacturer } from '../sim/workload';

/** Which manufacturer owns a GTIN, `null` when nobody does. */
export type Attribution = (gtin: string) => string | null;

/**
 * Attribution as the contract's `Attributor` does it (the longest claimed
 * GS1 company prefix that begins the GTIN's company-prefix space; restricted
 * numbers belong to nobody), over a fixed list of manufacturers instead of
 * ledger state.
 */
export function prefixAttribution(manufacturers: readonly SyntheticManufacturer[]): Attribution {
  const byLength = [...manufacturers].sort((a, b) => b.prefix.length - a.prefix.length);
  return (gtin) => {
    const space = companyPrefixSpace(gtin);
    if (space === undefined) return null;
    return byLength.find((m) => space.startsWith(m.prefix))?.manufacturerId ?? null;
  };
}

/**
 * The `TicketRecorded` event that `tickets:RecordTicket` emits for a new
 * ticket (see src/contract/tickets-contract.ts), built without a ledger:
 * same content hash, same attribution, points at the default store rate
 * for a sale with a (registered) loyalty customer. Lets the benchmark fill a
 * read model with a million tickets through the real projection in minutes
 * rather than through the ledger in hours.
 */
export function ticketRecordedEvent(
  ticket: Ticket,
  txId: string,
  attribution: Attribution,
): TicketRecordedEvent {
  const pointsAwarded =
    ticket.type === 'sale' && ticket.customerId !== undefined
      ? pointsFor(toMinorUnits(ticket.total, ticket.currency), DEFAULT_POINTS_RATE_BP)
      : 0;
  return {
    storeId: ticket.storeId,
    ticketId: ticket.ticketId,
    txId,
    contentHash: contentHash(ticket),
    type: ticket.type,
    issuedAt: ticket.issuedAt,
    currency: ticket.currency,
    total: ticket.total,
    ...(ticket.customerId === undefined ? {} : { customerId: ticket.customerId }),
    ...(ticket.originalTicketId === undefined ? {} : { originalTicketId: ticket.originalTicketId }),
    pointsAwarded,
    lines: ticket.lines.map((line) => ({
      lineNo: line.lineNo,
      gtin: line.gtin,
      description: line.description,
      quantity: line.quantity,
      amount: line.amount,
      manufacturerId: attribution(line.gtin),
    })),
  };
}
