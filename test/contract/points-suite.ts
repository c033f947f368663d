/**
 * The points economy's rules, through the ledger gateway interface only, so
 * that the same file runs on every engine: transfers, redemption grants
 * (alone and on a ticket), return reversals, double-spend safety, and the
 * audit identity over the whole run.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { auditPointsOverGateway } from '../../src/audit';
import { ContractCallError } from '../../src/client/contract-client';
import { MAX_LOTS_PER_SPEND, MAX_OPEN_GRANTS, type TicketRecordedEvent } from '../../src/contract';
import { rejects } from '../support/contract-rejects';
import type { EngineUnderTest } from '../support/engines';
import { ids } from '../support/identities';
import { CUSTOMERS, newGrantCode, PointsNetwork, SUSPENDED } from '../support/points-network';

const [ANN, BOB, CAT, DAN] = CUSTOMERS;

export function pointsSuite(engine: EngineUnderTest): void {
  describe(`points economy on ${engine.name}`, () => {
    let net: PointsNetwork;

    before(async () => {
      net = new PointsNetwork(await engine.open());
      await net.provision();
    });
    after(async () => {
      await net.engine.close();
    });

    /** Runs `action`, which must be refused, and checks that no balance moved. */
    async function refusedAndNothingMoved(
      action: () => Promise<unknown>,
      code: string,
      path: string,
      rule: string,
    ) {
      const before = await Promise.all(CUSTOMERS.map((c) => net.balance(c)));
      await rejects(action(), code, path, rule);
      assert.deepEqual(await Promise.all(CUSTOMERS.map((c) => net.balance(c))), before);
    }

    describe('awards', () => {
      it('awards floor(total × 10 %) on a sale, as a lot of its own', async () => {
        const tx = await net.record(net.sale(ANN, '12.34'));
        assert.equal(tx.value.pointsAwarded, 123);
        assert.equal(await net.balance(ANN), 123);
      });

      it('never conflicts: 40 concurrent sales for one customer all commit valid', async () => {
        const start = await net.balance(DAN);
        const sales = Array.from({ length: 40 }, () => net.sale(DAN, '1.00'));
        // No retry here: an MVCC conflict would fail the test.
        const results = await Promise.all(
          sales.map((t) => net.eter.recordTicket(ids.collector, t)),
        );
        assert.ok(results.every((r) => r.value.pointsAwarded === 10));
        assert.equal(await net.balance(DAN), start + 400);
      });
    });

    describe('transfers', () => {
      before(async () => {
        await net.earn(BOB, 600);
        await net.earn(BOB, 400);
      });

      const refusals: Array<[string, () => Promise<unknown>, string, string, string]> = [
        ['zero points', () => net.transfer(BOB, CAT, 0), 'INVALID_ARGUMENT', '/points', 'minimum'],
        ['fractional points', () => net.transfer(BOB, CAT, 1.5), 'INVALID_ARGUMENT', '/points', 'type'],
        ['to oneself', () => net.transfer(BOB, BOB, 10), 'INVALID_ARGUMENT', '/toCustomerId', 'transfer-self'],
        ['to an unknown customer', () => net.transfer(BOB, 'cust-nobody', 10), 'NOT_FOUND', '/toCustomerId', 'customer-registered'],
        ['to a suspended customer', () => net.transfer(BOB, SUSPENDED, 10), 'FAILED_PRECONDITION', '/toCustomerId', 'customer-suspended'],
        ['more than the balance', () => net.transfer(BOB, CAT, 1001), 'FAILED_PRECONDITION', '/points', 'insufficient-points'],
        ['from a customer with nothing', () => net.transfer(CAT, BOB, 10), 'FAILED_PRECONDITION', '/points', 'insufficient-points'],
        ['fewer points than a transfer moves', () => net.transfer(BOB, CAT, 9), 'INVALID_ARGUMENT', '/points', 'minimum'],
      ]; // prettier-ignore
      for (const [name, action, code, path, rule] of refusals) {
        it(`refuses a transfer ${name}, moving nothing`, () =>
          refusedAndNothingMoved(action, code, path, rule));
      }

      it('refuses transfers from any role but the query server', async () => {
        const request = { transferId: 'tr-x', fromCustomerId: BOB, toCustomerId: CAT, points: 1 };
        for (const as of [ids.collector, ids.operator, ids.auditor, ids.store001]) {
          await rejects(net.eter.transferPoints(as, request), 'FORBIDDEN');
        }
      });

      it('moves points: oldest lots first, change for the sender, a lot for the receiver', async () => {
        const tx = await net.transfer(BOB, CAT, 700, 'tr-bob-cat-1');
        assert.equal(tx.value.replayed, false);
        assert.equal(await net.balance(BOB), 300);
        assert.equal(await net.balance(CAT), 700);
        const bob = await net.eter.getBalance(ids.query, BOB);
        assert.equal(bob.lots, 1, 'the 600 lot consumed, the 400 lot left with 300');
        const moves = (await net.eter.listMovements(ids.query, { customerId: CAT })).movements;
        assert.deepEqual(
          moves.map((m) => [m.kind, m.delta, m.counterpartyId, m.transferId]),
          [['transfer-in', 700, BOB, 'tr-bob-cat-1']],
        );
      });

      it('is idempotent by transferId: the same again is a replay, other content a conflict', async () => {
        const again = await net.transfer(BOB, CAT, 700, 'tr-bob-cat-1');
        assert.equal(again.value.replayed, true);
        assert.equal(await net.balance(BOB), 300);
        await rejects(
          net.transfer(BOB, CAT, 10, 'tr-bob-cat-1'),
          'CONFLICT',
          '/transferId',
          'transfer-conflict',
        );
      });
    });

    describe('redemption grants', () => {
      before(async () => {
        await net.earn(ANN, 1000);
      });

      it('redeems a grant alone: burns the points, marks it used, once', async () => {
        const start = await net.balance(ANN);
        const { code, grant } = await net.grant(ANN, 300);
        assert.equal(grant.status, 'active');
        const tx = await net.redeem(code);
        assert.equal(tx.value.pointsRedeemed, 300);
        assert.equal(tx.value.grant.status, 'used');
        assert.equal(await net.balance(ANN), start - 300);
        await refusedAndNothingMoved(() => net.redeem(code), 'CONFLICT', '/code', 'grant-used');
      });

      it('redeems fewer points than granted when the till asks for fewer', async () => {
        const start = await net.balance(ANN);
        const { code } = await net.grant(ANN, 300);
        assert.equal((await net.redeem(code, 120)).value.pointsRedeemed, 120);
        assert.equal(await net.balance(ANN), start - 120);
      });

      it('answers a retry of the same redemption with the original result', async () => {
        const { code } = await net.grant(ANN, 50);
        const request = { storeId: 'store-001', code, redemptionId: 'rd-retry-1' };
        const first = await net.eter.redeemPoints(ids.collector, request);
        const again = await net.eter.redeemPoints(ids.collector, request);
        assert.equal(again.value.replayed, true);
        assert.equal(again.value.grant.usedTxId, first.transactionId);
      });

      const refusals: Array<[string, () => Promise<unknown>, string, string]> = [
        ['an unknown code', async () => net.redeem(newGrantCode()), 'NOT_FOUND', 'grant-unknown'],
        ['at another store', async () => net.redeem((await net.grant(ANN, 10)).code, undefined, 'store-002'), 'FAILED_PRECONDITION', 'grant-store'],
        ['for more than granted', async () => net.redeem((await net.grant(ANN, 10)).code, 11), 'FAILED_PRECONDITION', 'grant-points'],
        ['beyond the balance', async () => net.redeem((await net.grant(ANN, 1_000_000)).code), 'FAILED_PRECONDITION', 'insufficient-points'],
        ['after it was cancelled', async () => {
          const { code, grant } = await net.grant(ANN, 10);
          await net.eter.cancelRedemptionGrant(ids.query, { customerId: ANN, grantId: grant.grantId });
          return net.redeem(code);
        }, 'FAILED_PRECONDITION', 'grant-cancelled'],
        ['after it expired', async () => {
          const { code } = await net.grant(ANN, 10, 'store-001', 1);
          await sleep(1100);
          return net.redeem(code);
        }, 'FAILED_PRECONDITION', 'grant-expired'],
      ]; // prettier-ignore
      for (const [name, action, code, rule] of refusals) {
        it(`refuses a grant ${name}, with a rule the till can show`, async () => {
          const before = await net.balance(ANN);
          await assert.rejects(action(), (error: unknown) => {
            assert.ok(error instanceof ContractCallError, String(error));
            assert.equal(error.code, code);
            const detail = error.failure.details[0];
            assert.equal(detail?.rule, rule);
            assert.ok(detail.path === '/code' || detail.path === '/points', detail.path);
            return true;
          });
          assert.equal(await net.balance(ANN), before);
        });
      }

      it('lets only a collector of the store organisation, or the store itself, redeem', async () => {
        const { code } = await net.grant(ANN, 10);
        await rejects(net.redeem(code, undefined, 'store-001', ids.otherCollector), 'FORBIDDEN');
        await rejects(net.redeem(code, undefined, 'store-001', ids.query), 'FORBIDDEN');
        assert.equal((await net.redeem(code, undefined, 'store-001', ids.store001)).value.pointsRedeemed, 10);
      }); // prettier-ignore

      it('refuses grants for unknown stores or suspended customers, and cancels only unused ones', async () => {
        await rejects(net.grant(ANN, 10, 'store-nope'), 'NOT_FOUND', '/storeId', 'store-registered');
        await rejects(net.grant(SUSPENDED, 10), 'FAILED_PRECONDITION', '/customerId', 'customer-suspended');
        const { code, grant } = await net.grant(ANN, 10);
        await net.redeem(code);
        await rejects(
          net.eter.cancelRedemptionGrant(ids.query, { customerId: ANN, grantId: grant.grantId }),
          'CONFLICT', '/grantId', 'grant-used',
        );
        await rejects(
          net.eter.cancelRedemptionGrant(ids.query, { customerId: BOB, grantId: grant.grantId }),
          'NOT_FOUND', '/grantId', 'grant-unknown',
        );
      }); // prettier-ignore
    });

    describe('paying with points on a ticket', () => {
      before(async () => {
        await net.earn(CAT, 1000);
      });

      it('burns the points with the sale, and awards only on what was paid in money', async () => {
        const start = await net.balance(CAT);
        const { code, grant } = await net.grant(CAT, 500);
        const ticket = net.saleWithPoints(CAT, '20.00', '5.00', code);
        const tx = await net.record(ticket);
        assert.equal(tx.value.pointsRedeemed, 500);
        assert.equal(tx.value.pointsAwarded, 150, '10 % of the 15.00 paid by card');
        assert.equal(await net.balance(CAT), start - 500 + 150);
        const event = await ticketEvent(tx.transactionId);
        assert.equal(event.grant?.grantId, grant.grantId);
        assert.equal(event.grant?.ticketId, ticket.ticketId);
        assert.deepEqual(
          event.movements?.map((m) => [m.kind, m.delta]),
          [
            ['redemption', -500],
            ['award', 150],
          ],
        );
      });

      it('refuses the whole sale when the grant does not hold, recording nothing', async () => {
        const start = await net.balance(CAT);
        const used = await net.grant(CAT, 100);
        await net.record(net.saleWithPoints(CAT, '10.00', '1.00', used.code));
        const after = await net.balance(CAT);
        const cases: Array<[string, () => Promise<string>, string, string]> = [
          ['a used grant', async () => used.code, 'CONFLICT', 'grant-used'],
          ['a grant of another customer', async () => (await net.grant(ANN, 100)).code, 'FAILED_PRECONDITION', 'grant-customer'],
          ['a grant for fewer points', async () => (await net.grant(CAT, 99)).code, 'FAILED_PRECONDITION', 'grant-points'],
        ]; // prettier-ignore
        for (const [name, codeOf, code, rule] of cases) {
          const ticket = net.saleWithPoints(CAT, '10.00', '1.00', await codeOf());
          await rejects(net.record(ticket), code, '/payments/0/grantCode', rule);
          await rejects(
            net.eter.getTicket(ids.query, { storeId: ticket.storeId, ticketId: ticket.ticketId }),
            'NOT_FOUND',
          );
          assert.equal(await net.balance(CAT), after, name);
        }
        assert.ok(after < start + 100);
      });

      it('lets a customer-less ticket spend a grant: the grant names the customer', async () => {
        const start = await net.balance(CAT);
        const { code } = await net.grant(CAT, 200);
        const tx = await net.record(net.saleWithPoints(undefined, '2.00', '2.00', code));
        assert.equal(tx.value.pointsRedeemed, 200);
        assert.equal(tx.value.pointsAwarded, 0);
        assert.equal(await net.balance(CAT), start - 200);
      });
    });

    describe('returns', () => {
      it('takes back all of a sale’s points when everything comes back', async () => {
        const sale = net.sale(DAN, '30.00');
        await net.record(sale);
        const start = await net.balance(DAN);
        const tx = await net.record(await net.returnOf(sale));
        assert.equal(tx.value.pointsReversed, 300);
        assert.equal(await net.balance(DAN), start - 300);
      });

      it('takes back in proportion, and partial returns add up to exactly the award', async () => {
        const sale = net.sale(DAN, '3.33', 'store-001', '3'); // 9.99: 99 points
        await net.record(sale);
        const start = await net.balance(DAN);
        const reversed = [];
        for (let i = 0; i < 3; i++) {
          reversed.push((await net.record(await net.returnOf(sale, '1'))).value.pointsReversed);
        }
        // Keeps floor(99 × 6.66/9.99) = 66, then floor(99 × 3.33/9.99) = 33, then 0.
        assert.deepEqual(reversed, [33, 33, 33]);
        assert.equal(await net.balance(DAN), start - 99);
        const more = await net.returnOf(sale, '1');
        await rejects(net.record(more), 'INVALID_ARGUMENT', '/lines/0/quantity', 'return-quantity');
        assert.equal(await net.balance(DAN), start - 99, 'never more than the sale earned');
      });

      it('takes back what is left when the points were spent, and writes off the rest', async () => {
        const customer = CUSTOMERS[0];
        const sale = net.sale(customer, '50.00'); // 500 points
        await net.record(sale);
        const all = await net.balance(customer);
        const { code } = await net.grant(customer, all - 100);
        await net.redeem(code);
        const tx = await net.record(await net.returnOf(sale));
        assert.equal(tx.value.pointsReversed, 100);
        assert.equal((await ticketEvent(tx.transactionId)).pointsWrittenOff, 400);
        assert.equal(await net.balance(customer), 0, 'never below zero');
      });

      it('reverses nothing for a sale without a customer', async () => {
        const sale = net.sale(undefined, '10.00');
        await net.record(sale);
        assert.equal((await net.record(await net.returnOf(sale))).value.pointsReversed, 0);
      });
    });

    describe('open grants', () => {
      it(`holds at most ${MAX_OPEN_GRANTS} open grants a customer; a used, cancelled or expired one frees its place`, async () => {
        const holder = 'cust-grants';
        await net.eter.registerCustomer(ids.operator, { customerId: holder });
        await net.earn(holder, 100);
        const open = [];
        // One short-lived, so that it has expired when the limit is reached.
        open.push(await net.grant(holder, 1, 'store-001', 1));
        for (let i = 1; i < MAX_OPEN_GRANTS; i++) open.push(await net.grant(holder, 1));
        await sleep(1_100);
        const fresh = await net.grant(holder, 1); // the expired one's place
        await rejects(net.grant(holder, 1), 'FAILED_PRECONDITION', '/customerId', 'grant-limit');
        await net.eter.cancelRedemptionGrant(ids.query, {
          customerId: holder,
          grantId: open[1]!.grant.grantId,
        });
        await net.grant(holder, 1);
        await rejects(net.grant(holder, 1), 'FAILED_PRECONDITION', '/customerId', 'grant-limit');
        await net.redeem(fresh.code);
        await net.grant(holder, 1);
        await rejects(net.grant(holder, 1), 'FAILED_PRECONDITION', '/customerId', 'grant-limit');
      });
    });

    describe('many small lots', () => {
      it('spends what the lots a spend reads hold, and consolidates the rest in bounded steps', async () => {
        const owner = 'cust-crumbs';
        await net.eter.registerCustomer(ids.operator, { customerId: owner });
        const lots = MAX_LOTS_PER_SPEND + 44;
        // 0.10 at 10 %: one point a sale, each its own lot.
        await Promise.all(Array.from({ length: lots }, () => net.record(net.sale(owner, '0.10'))));
        assert.deepEqual(await net.eter.getBalance(ids.query, owner), {
          customerId: owner,
          balance: lots,
          lots,
        });
        await rejects(
          net.transfer(owner, BOB, lots - 10),
          'FAILED_PRECONDITION',
          '/points',
          'lots-fragmented',
        );
        const first = (await net.eter.consolidateLots(ids.query, owner)).value;
        assert.deepEqual(
          [first.merged, first.amount, first.more],
          [MAX_LOTS_PER_SPEND, MAX_LOTS_PER_SPEND, true],
        );
        const second = (await net.eter.consolidateLots(ids.query, owner)).value;
        assert.deepEqual([second.merged, second.amount, second.more], [45, lots, false]);
        await net.transfer(owner, BOB, lots - 10);
        assert.deepEqual(await net.eter.getBalance(ids.query, owner), {
          customerId: owner,
          balance: 10,
          lots: 1,
        });
      });
    });

    describe('double spending', () => {
      it('lets exactly the concurrent spends that fit succeed; the others fail and change nothing', async () => {
        const spender = 'cust-spender';
        await net.eter.registerCustomer(ids.operator, { customerId: spender });
        await net.earn(spender, 1000);
        const attempts = Array.from({ length: 12 }, (_, i) =>
          net.transfer(spender, BOB, 300, `tr-race-${i}`).then(
            () => 'ok',
            (error: unknown) => {
              assert.ok(error instanceof ContractCallError, String(error));
              assert.equal(error.failure.details[0]?.rule, 'insufficient-points');
              return 'refused';
            },
          ),
        );
        const outcomes = await Promise.all(attempts);
        assert.equal(outcomes.filter((o) => o === 'ok').length, 3);
        assert.equal(await net.balance(spender), 100);
      });
    });

    describe('the audit', () => {
      it('finds issued − burned − reversed = Σ balances over the whole run, and world state agreeing', async () => {
        const report = await auditPointsOverGateway(net.eter, ids.auditor);
        assert.deepEqual(report.problems, []);
        assert.ok(report.ok);
        const f = report.figures;
        assert.ok(f.issued > 0 && f.burned > 0 && f.reversed > 0 && f.transferred > 0);
        assert.equal(f.issued - f.burned - f.reversed, f.outstanding);
        assert.equal(f.writtenOff, 400);
        let sum = 0;
        for (const c of [...CUSTOMERS, 'cust-spender', 'cust-crumbs', 'cust-grants'])
          sum += await net.balance(c);
        assert.equal(f.outstanding, sum);
      });
    });

    async function ticketEvent(txId: string): Promise<TicketRecordedEvent> {
      const stop = new AbortController();
      for await (const event of net.engine.gateway.events({ signal: stop.signal })) {
        if (event.transactionId === txId && event.name === 'TicketRecorded') {
          stop.abort();
          return JSON.parse(Buffer.from(event.payload).toString('utf8')) as TicketRecordedEvent;
        }
      }
      throw new Error(`no TicketRecorded event for ${txId}`);
    }
  });
}
