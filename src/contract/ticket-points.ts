/** The points side of recording a ticket: paying with points, and earning them. */
import type { Context } from 'fabric-contract-api';
import { toMinorUnits, type Ticket } from '../format';
import { ContractError } from './errors';
import { findGrant, markGrantUsed, requireUsableGrant } from './grants';
import { keys } from './keys';
import { pointsFor, type PointsBook } from './points';
import type { CustomerRecord, RedemptionGrantRecord, StoreRecord } from './records';
import { getRecord } from './state';

/**
 * Burns the points of the ticket's `pointsRedeemed` payment, if it has one:
 * one point per minor unit, from the grant's customer, the grant checked
 * and marked used in the same transaction as the ticket.
 * @throws {ContractError} naming the payment's `grantCode` and the rule broken.
 */
export async function redeemPayment(
  ctx: Context,
  book: PointsBook,
  ticket: Ticket,
  at: string,
): Promise<{ points: number; grant: RedemptionGrantRecord } | undefined> {
  const index = ticket.payments.findIndex((p) => p.method === 'pointsRedeemed');
  const payment = ticket.payments[index];
  if (payment?.grantCode === undefined) return undefined;
  const path = `/payments/${index}/grantCode`;
  const points = Number(toMinorUnits(payment.amount, ticket.currency));
  const grant = await requireUsableGrant(
    ctx,
    await findGrant(ctx, payment.grantCode),
    { storeId: ticket.storeId, points, at },
    path,
  );
  if (ticket.customerId !== undefined && ticket.customerId !== grant.customerId) {
    throw new ContractError('FAILED_PRECONDITION', "the grant is another customer's", [
      { path, rule: 'grant-customer', message: "the grant is not the ticket's customer's" },
    ]);
  }
  if (points > 0) {
    await book.debit(
      grant.customerId,
      points,
      'redemption',
      { storeId: ticket.storeId, ticketId: ticket.ticketId, grantId: grant.grantId },
      path,
    );
  }
  const used = await markGrantUsed(ctx, grant, { at, points, ticketId: ticket.ticketId });
  return { points, grant: used };
}

/**
 * Awards a sale's points to its registered, active customer:
 * `floor(paid × rate / 10000)`, where `paid` is the total less what was paid
 * in points (points do not earn points). Returns the points awarded.
 */
export async function award(
  ctx: Context,
  book: PointsBook,
  ticket: Ticket,
  store: StoreRecord,
  pointsRedeemed: number,
): Promise<number> {
  if (ticket.type !== 'sale' || ticket.customerId === undefined) return 0;
  const customer = await getRecord<CustomerRecord>(
    ctx.stub,
    keys.customer(ctx.stub, ticket.customerId),
  );
  if (customer === undefined || customer.status !== 'active') return 0;
  const paid = toMinorUnits(ticket.total, ticket.currency) - BigInt(pointsRedeemed);
  const points = pointsFor(paid, store.pointsRateBp);
  if (points > 0) {
    await book.credit(
      ticket.customerId,
      points,
      'award',
      { kind: 'award', storeId: ticket.storeId, ticketId: ticket.ticketId },
      { storeId: ticket.storeId, ticketId: ticket.ticketId },
    );
  }
  return points;
}
