/**
 * Property: whatever sequence of awards, transfers, redemptions and returns
 * a few customers go through, every balance matches a model of the rules,
 * no balance is ever negative, and the audit identity (issued − burned −
 * reversed = Σ balances, world state agreeing) holds after every step.
 * Random sequences on a real embedded ledger, through the gateway.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditPointsOverGateway } from '../../src/audit';
import { ContractCallError } from '../../src/client/contract-client';
import { fromMilli, toMinorUnits, type Ticket } from '../../src/format';
import { embeddedEngine } from '../support/engines';
import { ids } from '../support/identities';
import { PointsNetwork } from '../support/points-network';

type Op =
  | { kind: 'award'; who: number; cents: number }
  | { kind: 'transfer'; from: number; to: number; points: number }
  | { kind: 'redeem'; who: number; points: number }
  | { kind: 'return'; sale: number; milli: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('award' as const), who: fc.nat(2), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(2), to: fc.nat(2), points: fc.integer({ min: 10, max: 800 }) }),
  fc.record({ kind: fc.constant('redeem' as const), who: fc.nat(2), points: fc.integer({ min: 1, max: 800 }) }),
  fc.record({ kind: fc.constant('return' as const), sale: fc.nat(20), milli: fc.integer({ min: 1, max: 1_000 }) }),
); // prettier-ignore

interface SaleModel {
  ticket: Ticket;
  customer: number;
  total: number;
  awarded: number;
  returned: number;
  /** Thousandths of the sale's one unit returned so far. */
  returnedMilli: number;
  settled: number;
}

const euros = (cents: number) => (cents / 100).toFixed(2);

describe('points: random sequences keep the books', () => {
  let net: PointsNetwork;
  let run = 0;

  before(async () => {
    net = new PointsNetwork(await embeddedEngine.open());
    await net.provision();
  });
  after(async () => {
    await net.engine.close();
  });

  it('matches the model, never goes negative, and the audit holds after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        run += 1;
        const customers = [0, 1, 2].map((i) => `cust-r${run}-${i}`);
        for (const customerId of customers) {
          await net.eter.registerCustomer(ids.operator, { customerId });
        }
        const balances = [0, 0, 0];
        const sales: SaleModel[] = [];
        for (const step of ops) {
          await apply(step, customers, balances, sales);
          for (let i = 0; i < 3; i++) {
            const actual = await net.balance(customers[i]!);
            assert.ok(actual >= 0, 'a balance went negative');
            assert.equal(actual, balances[i], `${customers[i]} after ${JSON.stringify(step)}`);
          }
          const audit = await auditPointsOverGateway(net.eter, ids.auditor);
          assert.deepEqual(audit.problems, []);
        }
      }),
      { numRuns: 40, seed: 20261126 },
    );
  });

  async function apply(step: Op, customers: string[], balances: number[], sales: SaleModel[]) {
    switch (step.kind) {
      case 'award': {
        const ticket = net.sale(customers[step.who], euros(step.cents));
        const tx = await net.record(ticket);
        const awarded = Math.floor((step.cents * 1000) / 10_000);
        assert.equal(tx.value.pointsAwarded, awarded);
        balances[step.who]! += awarded;
        sales.push({
          ticket,
          customer: step.who,
          total: step.cents,
          awarded,
          returned: 0,
          returnedMilli: 0,
          settled: 0,
        });
        return;
      }
      case 'transfer': {
        const fits = step.from !== step.to && balances[step.from]! >= step.points;
        const attempt = net.transfer(customers[step.from]!, customers[step.to]!, step.points);
        if (!(await succeeds(attempt, fits))) return;
        balances[step.from]! -= step.points;
        balances[step.to]! += step.points;
        return;
      }
      case 'redeem': {
        const { code } = await net.grant(customers[step.who]!, step.points);
        const fits = balances[step.who]! >= step.points;
        if (!(await succeeds(net.redeem(code), fits))) return;
        balances[step.who]! -= step.points;
        return;
      }
      case 'return': {
        const sale = sales[step.sale % Math.max(sales.length, 1)];
        if (sale === undefined) return;
        const milli = Math.min(step.milli, 1000 - sale.returnedMilli);
        if (milli === 0) return;
        const ticket = await net.returnOf(sale.ticket, fromMilli(BigInt(milli)));
        const cents = Number(toMinorUnits(ticket.total, 'EUR'));
        const tx = await net.record(ticket);
        sale.returnedMilli += milli;
        assert.ok(sale.returned + cents <= sale.total, 'refunded more than the sale');
        // The customer keeps floor(awarded × what is left / total) of the sale's award.
        sale.returned = Math.min(sale.total, sale.returned + cents);
        const kept = Math.floor((sale.awarded * (sale.total - sale.returned)) / sale.total);
        const due = sale.awarded - kept - sale.settled;
        const taken = Math.min(due, balances[sale.customer]!);
        sale.settled += due;
        assert.equal(tx.value.pointsReversed, taken);
        balances[sale.customer]! -= taken;
        return;
      }
    }
  }

  /** Whether the spend went through; it must exactly when it fits, and fail only for lack of points. */
  async function succeeds(attempt: Promise<unknown>, fits: boolean): Promise<boolean> {
    try {
      await attempt;
    } catch (error) {
      assert.ok(error instanceof ContractCallError, String(error));
      assert.ok(
        ['insufficient-points', 'transfer-self'].includes(error.failure.details[0]?.rule ?? ''),
        error.message,
      );
      assert.equal(fits, false, `refused a spend that fits: ${error.message}`);
      return false;
    }
    assert.equal(fits, true, 'a spend that does not fit went through');
    return true;
  }
});
