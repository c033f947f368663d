/**
 * Returns that match their sale. A return names the sale it takes goods
 * back from (`originalTicketId`, and `originalStoreId` when made in another
 * store); it is recorded only if:
 * - the sale is on the ledger, at a store of the same retailer as the store
 *   taking the goods back; a sale of another retailer gets the very answer
 *   of one that does not exist (`original-recorded`), so that no till can
 *   probe another retailer's ticket ids;
 * - the sale is a sale, in the same currency, and for the same customer when
 *   the return names one;
 * - each return line takes back goods of an existing line (`original-line`)
 *   with its GTIN and unit, never more than the line sold over all returns
 *   of the sale (`return-quantity`), refunding no more than the refund rule
 *   allows on the running totals (`return-amount`, see refunds.ts).
 * What the sale's returns have taken back is kept in one tally per sale,
 * which every return of that sale reads and writes.
 */
import type { Context } from 'fabric-contract-api';
import { formatMinorUnits, fromMilli, toMilli, toMinorUnits, type Ticket } from '../format';
import { ContractError, type ErrorDetail } from './errors';
import { keys } from './keys';
import type { PointsBook } from './points';
import type { ReturnedLine, ReturnTallyRecord, StoreRecord, TicketRecord } from './records';
import {
  refundLimit,
  returnedFigures,
  soldFigures,
  toReturnedLine,
  type LineFigures,
} from './refunds';
import { sameRetailer } from './retailers';
import { reverseAward } from './reversals';
import { getRecord, getSharedRecord, putRecord } from './state';

/** A return checked against its sale, ready to be settled. */
export interface MatchedReturn {
  readonly original: TicketRecord;
  readonly tallyKey: string;
  readonly tally: ReturnTallyRecord;
  /** The sale's per-line totals once this return is recorded. */
  readonly lines: Readonly<Record<string, ReturnedLine>>;
}

const EMPTY_TALLY: ReturnTallyRecord = { returnedMinor: 0, reversed: 0, writtenOff: 0 };

/**
 * The sale `ticket` (a return) takes goods back from, read by `at` (the
 * store taking them back), with every rule above checked.
 * @throws {ContractError} FAILED_PRECONDITION `original-recorded`; INVALID_ARGUMENT naming each broken rule.
 */
export async function matchReturn(
  ctx: Context,
  ticket: Ticket,
  at: StoreRecord,
): Promise<MatchedReturn> {
  const originalId = ticket.originalTicketId ?? '';
  const original = await findSale(ctx, at, ticket.originalStoreId ?? ticket.storeId, originalId);
  if (original === undefined) throw notRecorded(originalId);
  const sale = original.ticket;
  const saleErrors = checkSaleMatches(ticket, sale);
  if (saleErrors.length > 0) {
    throw new ContractError('INVALID_ARGUMENT', 'the return does not match its sale', saleErrors);
  }
  const tallyKey = keys.returnTally(ctx.stub, sale.storeId, sale.ticketId);
  const tally = (await getRecord<ReturnTallyRecord>(ctx.stub, tallyKey)) ?? EMPTY_TALLY;
  const { lines, errors } = takeBack(ticket, sale, tally.lines ?? {});
  if (errors.length > 0) {
    throw new ContractError('INVALID_ARGUMENT', 'the return does not match its sale', errors);
  }
  return { original, tallyKey, tally, lines };
}

/**
 * Records what a matched return takes back: its goods and money on the
 * sale's tally, and the points the sale earned in proportion.
 */
export async function settleReturn(
  ctx: Context,
  book: PointsBook,
  matched: MatchedReturn,
  ticket: Ticket,
): Promise<{ reversed: number; writtenOff: number }> {
  const points = await reverseAward(book, matched.original, ticket, matched.tally);
  const next: ReturnTallyRecord = { ...points.tally, lines: matched.lines };
  await putRecord(ctx.stub, matched.tallyKey, next);
  return { reversed: points.reversed, writtenOff: points.writtenOff };
}

/**
 * A sale that `at` may see for returns: of a store of the same retailer.
 * Anything else is `undefined`, exactly as if it did not exist.
 */
export async function findSale(
  ctx: Context,
  at: StoreRecord,
  storeId: string,
  ticketId: string,
): Promise<TicketRecord | undefined> {
  const store =
    storeId === at.storeId
      ? at
      : await getSharedRecord<StoreRecord>(ctx.stub, keys.store(ctx.stub, storeId));
  if (store === undefined || !sameRetailer(store, at)) return undefined;
  return getRecord<TicketRecord>(ctx.stub, keys.ticket(ctx.stub, storeId, ticketId));
}

/** What a sale's returns have taken back of each of its lines (nothing for lines never returned). */
export async function returnedLines(
  ctx: Context,
  sale: Ticket,
): Promise<Readonly<Record<string, ReturnedLine>>> {
  const tallyKey = keys.returnTally(ctx.stub, sale.storeId, sale.ticketId);
  return (await getRecord<ReturnTallyRecord>(ctx.stub, tallyKey))?.lines ?? {};
}

export function notRecorded(originalTicketId: string): ContractError {
  return new ContractError(
    'FAILED_PRECONDITION',
    `original ticket ${originalTicketId} is not on the ledger`,
    [{ path: '/originalTicketId', rule: 'original-recorded', message: 'no such ticket recorded' }],
  );
}

function checkSaleMatches(ticket: Ticket, sale: Ticket): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (sale.type !== 'sale') {
    errors.push({
      path: '/originalTicketId',
      rule: 'return-original',
      message: 'names a return: goods come back from a sale',
    });
  }
  if (ticket.currency !== sale.currency) {
    errors.push({
      path: '/currency',
      rule: 'return-currency',
      message: `the sale was in ${sale.currency}: a return refunds in the sale's currency`,
    });
  }
  if (ticket.customerId !== undefined && ticket.customerId !== sale.customerId) {
    errors.push({
      path: '/customerId',
      rule: 'return-customer',
      message:
        sale.customerId === undefined
          ? 'the sale has no customer: leave it out'
          : "not the sale's customer: leave it out or give the sale's",
    });
  }
  return errors;
}

/**
 * Adds each return line to its sale line's running totals, checking the
 * line rules as it goes (two return lines of one sale line add up).
 */
function takeBack(
  ticket: Ticket,
  sale: Ticket,
  before: Readonly<Record<string, ReturnedLine>>,
): { lines: Record<string, ReturnedLine>; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const running = new Map<number, LineFigures>();
  const saleLines = new Map(sale.lines.map((line) => [line.lineNo, line]));
  ticket.lines.forEach((line, i) => {
    const at = (field: string) => `/lines/${i}/${field}`;
    const lineNo = line.originalLineNo ?? 0;
    const sold = saleLines.get(lineNo);
    if (sold === undefined) {
      errors.push({
        path: at('originalLineNo'),
        rule: 'original-line',
        message: `the original ticket has no line ${lineNo}`,
      });
      return;
    }
    if (line.gtin !== sold.gtin) {
      errors.push({
        path: at('gtin'),
        rule: 'return-gtin',
        message: `line ${lineNo} of the sale is GTIN ${sold.gtin}: only what was sold comes back`,
      });
      return;
    }
    if ((line.unit ?? 'each') !== (sold.unit ?? 'each')) {
      errors.push({
        path: at('unit'),
        rule: 'return-unit',
        message: `line ${lineNo} of the sale is in ${sold.unit ?? 'each'}`,
      });
      return;
    }
    const soldLine = soldFigures(sold, sale.currency);
    const returned = running.get(lineNo) ?? returnedFigures(before[lineNo], sale.currency);
    const quantity = toMilli(line.quantity);
    const left = soldLine.quantityMilli - returned.quantityMilli;
    if (quantity > left) {
      errors.push({
        path: at('quantity'),
        rule: 'return-quantity',
        message: `at most ${fromMilli(left)} of line ${lineNo} is left to return`,
      });
      return;
    }
    const amount = toMinorUnits(line.amount, sale.currency);
    const limit = refundLimit(soldLine, returned, quantity);
    if (amount > limit) {
      errors.push({
        path: at('amount'),
        rule: 'return-amount',
        message: `returning ${line.quantity} of line ${lineNo} refunds at most ${formatMinorUnits(limit, sale.currency)}`,
      });
      return;
    }
    running.set(lineNo, {
      quantityMilli: returned.quantityMilli + quantity,
      amountMinor: returned.amountMinor + amount,
    });
  });
  const lines: Record<string, ReturnedLine> = { ...before };
  for (const [lineNo, figures] of running) {
    lines[String(lineNo)] = toReturnedLine(figures, sale.currency);
  }
  return { lines, errors };
}
