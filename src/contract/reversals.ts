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
import type { Context } from 'fabric-contract-api';
import { toMinorUnits, type Ticket } from '../format';
import { keys } from './keys';
import type { PointsBook } from './points';
import type { ReturnTallyRecord, TicketRecord } from './records';
import { getRecord, putRecord } from './state';

/** Points a customer keeps of `awarded` after returns worth `returned` of a sale worth `total`. */
export function pointsKept(awarded: number, total: bigint, returned: bigint): number {
  if (total <= 0n) return awarded;
  const left = returned >= total ? 0n : total - returned;
  return Number((BigInt(awarded) * left) / total);
}

/**
 * Takes back what `returnTicket` owes of `original`'s award: the points
 * taken, and those due but already spent (both 0 when the sale earned none).
 */
export async function reverseAward(
  ctx: Context,
  book: PointsBook,
  original: TicketRecord,
  returnTicket: Ticket,
): Promise<{ reversed: number; writtenOff: number }> {
  const customerId = original.ticket.customerId;
  if (original.ticket.type !== 'sale' || customerId === undefined || original.pointsAwarded <= 0) {
    return { reversed: 0, writtenOff: 0 };
  }
  const key = keys.returnTally(ctx.stub, original.ticket.storeId, original.ticket.ticketId);
  const tally = (await getRecord<ReturnTallyRecord>(ctx.stub, key)) ?? {
    returnedMinor: 0,
    reversed: 0,
    writtenOff: 0,
  };
  const total = toMinorUnits(original.ticket.total, original.ticket.currency);
  const returnedBefore = BigInt(tally.returnedMinor);
  let returned = returnedBefore + toMinorUnits(returnTicket.total, returnTicket.currency);
  if (returned > total) returned = total;
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
  const next: ReturnTallyRecord = {
    returnedMinor: Number(returned),
    reversed: tally.reversed + taken,
    writtenOff: tally.writtenOff + Math.max(0, due - taken),
  };
  await putRecord(ctx.stub, key, next);
  return { reversed: taken, writtenOff: next.writtenOff - tally.writtenOff };
}
