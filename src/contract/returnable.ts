/**
 * What a till reads before it builds a return: the sale's lines with what
 * was sold, what its returns took back and what is left to return, under the
 * same retailer rule as the return itself (returns.ts).
 */
import type { Context } from 'fabric-contract-api';
import { formatMinorUnits, fromMilli, type QuantityUnit } from '../format';
import { assertActsForStore, type Caller } from './access';
import { ContractError } from './errors';
import { keys } from './keys';
import type { StoreRecord } from './records';
import { refundLimit, returnedFigures, soldFigures } from './refunds';
import type { ReturnableRequest } from './requests';
import { findSale, returnedLines } from './returns';
import { getSharedRecord } from './state';

/** One line of a sale as a return sees it. Quantities and amounts are decimal strings. */
export interface ReturnableLine {
  readonly lineNo: number;
  readonly gtin: string;
  readonly description: string;
  readonly unit?: QuantityUnit;
  readonly unitPrice: string;
  readonly taxRate: string;
  /** What the sale line sold, and for how much. */
  readonly quantity: string;
  readonly amount: string;
  /** What the sale's returns have taken back of it so far. */
  readonly returnedQuantity: string;
  readonly returnedAmount: string;
  /** What is left: a return of all of it may refund `returnableAmount` at most. */
  readonly returnableQuantity: string;
  readonly returnableAmount: string;
}

/** A sale, line by line, as a till needs it to build a return. */
export interface ReturnableSale {
  readonly storeId: string;
  readonly ticketId: string;
  readonly issuedAt: string;
  readonly currency: string;
  readonly total: string;
  /** The sale's loyalty customer, which a return may carry (and no other). */
  readonly customerId?: string;
  readonly lines: readonly ReturnableLine[];
}

/**
 * The sale `request` names, read for a return at `request.storeId`.
 * @throws {ContractError} FORBIDDEN when the caller does not act for that store; NOT_FOUND for a sale of another retailer, a return, or none.
 */
export async function returnableSale(
  ctx: Context,
  caller: Caller,
  request: ReturnableRequest,
): Promise<ReturnableSale> {
  const at = await getSharedRecord<StoreRecord>(ctx.stub, keys.store(ctx.stub, request.storeId));
  if (at === undefined) {
    throw new ContractError('NOT_FOUND', `store ${request.storeId} is not registered`);
  }
  assertActsForStore(caller, at, 'read sales for returns');
  const record = await findSale(ctx, at, request.originalStoreId, request.originalTicketId);
  if (record === undefined || record.ticket.type !== 'sale') {
    throw new ContractError('NOT_FOUND', `sale ${request.originalTicketId} not found`);
  }
  const sale = record.ticket;
  const returned = await returnedLines(ctx, sale);
  return {
    storeId: sale.storeId,
    ticketId: sale.ticketId,
    issuedAt: sale.issuedAt,
    currency: sale.currency,
    total: sale.total,
    ...(sale.customerId === undefined ? {} : { customerId: sale.customerId }),
    lines: sale.lines.map((line) => {
      const sold = soldFigures(line, sale.currency);
      const back = returnedFigures(returned[line.lineNo], sale.currency);
      const left = sold.quantityMilli - back.quantityMilli;
      const money = (minor: bigint) => formatMinorUnits(minor, sale.currency);
      return {
        lineNo: line.lineNo,
        gtin: line.gtin,
        description: line.description,
        ...(line.unit === undefined ? {} : { unit: line.unit }),
        unitPrice: line.unitPrice,
        taxRate: line.taxRate,
        quantity: line.quantity,
        amount: line.amount,
        returnedQuantity: fromMilli(back.quantityMilli),
        returnedAmount: money(back.amountMinor),
        returnableQuantity: fromMilli(left),
        returnableAmount: money(refundLimit(sold, back, left)),
      };
    }),
  };
}
