/**
 * A small points economy on any engine, for the points suites: stores that
 * award 10 % (so 100.00 EUR earns 1,000 points), a few customers, and
 * helpers that act through the contract client as the servers would.
 */
import { newGrantCode } from '../../src/api/routes/points/grant-code';
import { ContractClient } from '../../src/client/contract-client';
import { retryOnConflict } from '../../src/client/conflict-retry';
import {
  grantIdOf,
  returnedFigures,
  returnLineFor,
  type RedemptionGrantRecord,
} from '../../src/contract';
import type { Ticket } from '../../src/format';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import type { OpenedEngine } from './engines';
import { ids, OPERATOR_MSP, OTHER_RETAILER_MSP, RETAILER_MSP } from './identities';

export const RATE_BP = 1000;
export const CUSTOMERS = ['cust-ann', 'cust-bob', 'cust-cat', 'cust-dan'] as const;
export const SUSPENDED = 'cust-sus';

/** Grant codes are made as the query server makes them. */
export { newGrantCode };

export class PointsNetwork {
  readonly eter: ContractClient;
  private seq = 0;

  constructor(readonly engine: OpenedEngine) {
    this.eter = new ContractClient(engine.gateway);
  }

  /** Bootstraps and registers stores and customers. */
  async provision(): Promise<void> {
    const op = ids.operator;
    await this.eter.bootstrap(op, { operatorMspId: OPERATOR_MSP });
    for (const storeId of ['store-001', 'store-002']) {
      await this.eter.registerStore(op, {
        storeId,
        name: storeId,
        mspId: RETAILER_MSP,
        pointsRateBp: RATE_BP,
      });
    }
    await this.eter.registerStore(op, {
      storeId: 'store-900',
      name: 'Other chain',
      mspId: OTHER_RETAILER_MSP,
      pointsRateBp: RATE_BP,
    });
    for (const customerId of [...CUSTOMERS, SUSPENDED]) {
      await this.eter.registerCustomer(op, { customerId });
    }
    await this.eter.setParticipantStatus(op, {
      kind: 'customer',
      id: SUSPENDED,
      status: 'suspended',
    });
  }

  nextTicketId(): string {
    return `P-${String(++this.seq).padStart(6, '0')}`;
  }

  /** A one-line sale of `quantity` × `unitPrice` euros (decimal strings) for `customerId`. */
  sale(
    customerId: string | undefined,
    unitPrice: string,
    storeId = 'store-001',
    quantity = '1',
  ): Ticket {
    return buildTicket({
      ticketId: this.nextTicketId(),
      storeId,
      ...(customerId === undefined ? {} : { customerId }),
      lines: [{ gtin: gtin13('400638', 1), quantity, unitPrice }],
    });
  }

  /** A sale paid partly with points (`pointsEuros`, through the grant `code`), the rest by card. */
  saleWithPoints(
    customerId: string | undefined,
    euros: string,
    pointsEuros: string,
    code: string,
  ): Ticket {
    const ticket = this.sale(customerId, euros);
    const cents = (text: string) => Math.round(Number(text) * 100);
    const rest = (cents(euros) - cents(pointsEuros)) / 100;
    ticket.payments = [
      { method: 'pointsRedeemed', amount: pointsEuros, grantCode: code },
      ...(rest > 0 ? [{ method: 'card' as const, amount: rest.toFixed(2) }] : []),
    ];
    return ticket;
  }

  /**
   * A return of `quantity` (default: all that is left) of the first line of
   * `original`, refunding what the rule allows, built as a till would: from
   * the sale's returnable figures on the ledger.
   */
  async returnOf(original: Ticket, quantity?: string): Promise<Ticket> {
    const sale = await this.eter.getReturnable(ids.collector, {
      storeId: original.storeId,
      originalStoreId: original.storeId,
      originalTicketId: original.ticketId,
    });
    const seen = sale.lines[0]!;
    const returned = returnedFigures(
      { quantity: seen.returnedQuantity, amount: seen.returnedAmount },
      original.currency,
    );
    const line = returnLineFor(
      original,
      original.lines[0]!,
      returned,
      quantity ?? seen.returnableQuantity,
    );
    return buildTicket({
      ticketId: this.nextTicketId(),
      storeId: original.storeId,
      type: 'return',
      originalTicketId: original.ticketId,
      lines: [{ ...line, originalLineNo: line.lineNo }],
    });
  }

  /** Records a ticket as the retailer's collector, retrying read conflicts as the collector does. */
  record(ticket: Ticket) {
    return retryOnConflict(() => this.eter.recordTicket(ids.collector, ticket));
  }

  /** Earns `points` (a multiple of 10) for `customerId` with one sale. */
  async earn(customerId: string, points: number) {
    return this.record(this.sale(customerId, (points / 10).toFixed(2)));
  }

  async balance(customerId: string): Promise<number> {
    return (await this.eter.getBalance(ids.query, customerId)).balance;
  }

  transfer(from: string, to: string, points: number, transferId = `tr-${this.nextTicketId()}`) {
    return retryOnConflict(() =>
      this.eter.transferPoints(ids.query, {
        transferId,
        fromCustomerId: from,
        toCustomerId: to,
        points,
      }),
    );
  }

  /** Creates a grant; returns its code and record. */
  async grant(
    customerId: string,
    points: number,
    storeId = 'store-001',
    ttlSeconds = 600,
  ): Promise<{ code: string; grant: RedemptionGrantRecord }> {
    const code = newGrantCode();
    const tx = await this.eter.createRedemptionGrant(ids.query, {
      grantId: grantIdOf(code),
      customerId,
      storeId,
      points,
      ttlSeconds,
    });
    return { code, grant: tx.value };
  }

  redeem(code: string, points?: number, storeId = 'store-001', as = ids.collector) {
    return retryOnConflict(() =>
      this.eter.redeemPoints(as, {
        storeId,
        code,
        redemptionId: `rd-${this.nextTicketId()}`,
        ...(points === undefined ? {} : { points }),
      }),
    );
  }
}
