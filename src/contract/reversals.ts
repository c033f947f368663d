/**
 * Returns take back the points their sale earned, in proportion to the
 * goods returned. The rule is stated on what the customer keeps: after
 * returns worth R of a sale worth T that earned A points, the customer keeps
 * `floor(A × (T − R) / T)`, the same floor an award uses. Partial returns
 * therefore add up exactly (returning everything, in any number of returns,
 * takes back exactly A) and never take back more than A.
 *
 * If the customer has already spent the points, the reversal takes what is
 * left and records the rest as written off on the sale's tally: a balance
 * never goes negative, a return (the goods are back on the shelf) is never
 * refused over points, and future awards are never held back, which would
 * make concurrent awards to one customer conflict.
 */
import { toMinorUnits, type Ticket } from '../format';
import type { PointsBook } from './points';
import type { ReturnTallyRecord, TicketRecord } from './records';

/** Points a customer keeps of `awarded` after returns worth `returned` of a sale worth `total`. */
export function pointsKept(awarded: number, total: bigint, returned: bigint): number {
  if (total <= 0n) return awarded;
  const left = returned >= total ? 0n : total - returned;
  return Number((BigInt(awarded) * left) / total);
}

/** The points part of a sale's return tally. */
export type PointsTally = Pick<ReturnTallyRecord, 'returnedMinor' | 'reversed' | 'writtenOff'>;

/**
 * Takes back what `returnTicket` owes of `original`'s award, given the
 * sale's tally before it: the points taken, those due but already spent
 * (both 0 when the sale earned none), and the tally after.
 */
export async function reverseAward(
  book: PointsBook,
  original: TicketRecord,
  returnTicket: Ticket,
  tally: PointsTally,
): Promise<{ reversed: number; writtenOff: number; tally: PointsTally }> {
  const customerId = original.ticket.customerId;
  const total = toMinorUnits(original.ticket.total, original.ticket.currency);
  let returned =
    BigInt(tally.returnedMinor) + toMinorUnits(returnTicket.total, returnTicket.currency);
  if (returned > total) returned = total;
  const points = { reversed: tally.reversed, writtenOff: tally.writtenOff };
  if (original.ticket.type !== 'sale' || customerId === undefined || original.pointsAwarded <= 0) {
    return { reversed: 0, writtenOff: 0, tally: { returnedMinor: Number(returned), ...points } };
  }
  const due =
    original.pointsAwarded -
    pointsKept(original.pointsAwarded, total, returned) -
    tally.reversed -
    tally.writtenOff;
  const taken =
    due > 0
      ? await book.debitUpTo(customerId, due, 'reversal', {
          storeId: returnTicket.storeId,
          ticketId: returnTicket.ticketId,
          originalTicketId: original.ticket.ticketId,
        })
      : 0;
  const writtenOff = Math.max(0, due - taken);
  return {
    reversed: taken,
    writtenOff,
    tally: {
      returnedMinor: Number(returned),
      reversed: tally.reversed + taken,
      writtenOff: tally.writtenOff + writtenOff,
    },
  };
}
