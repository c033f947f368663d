/**
 * The read model carries the whole points economy: transfers, redemptions
 * (alone and on a ticket), return reversals and grants, projected from a
 * real embedded ledger's events, with balances equal to the contract's.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PointsQueries, projectUpTo, ReadModel } from '../../src/readmodel';
import { embeddedEngine, tempDir } from '../support/engines';
import { CUSTOMERS, PointsNetwork } from '../support/points-network';

const [ANN, BOB] = CUSTOMERS;

describe('read model: points movements and grants', () => {
  let net: PointsNetwork;
  let readModel: ReadModel;
  let points: PointsQueries;
  const dir = tempDir();
  let usedGrantId = '';
  let openGrantId = '';

  before(async () => {
    net = new PointsNetwork(await embeddedEngine.open());
    await net.provision();
    const sale = net.sale(ANN, '100.00'); // 1,000 points
    await net.record(sale);
    await net.transfer(ANN, BOB, 250, 'tr-1');
    const paid = await net.grant(ANN, 100);
    usedGrantId = paid.grant.grantId;
    await net.record(net.saleWithPoints(ANN, '10.00', '1.00', paid.code)); // -100, +90
    await net.redeem((await net.grant(BOB, 50)).code);
    openGrantId = (await net.grant(BOB, 10)).grant.grantId;
    await net.record(await net.returnOf(sale, '0.5')); // half of it: takes back 500
    readModel = ReadModel.open(join(dir.path, 'read.db'));
    await projectUpTo(net.engine.gateway, readModel, await net.engine.gateway.height());
    points = new PointsQueries(readModel.db);
  });
  after(async () => {
    readModel.close();
    await net.engine.close();
    dir.cleanup();
  });

  it('keeps every movement, with its kind and references, in ledger order', () => {
    const moves = points.movements(ANN, { limit: 100 }).movements;
    assert.deepEqual(
      moves.map((m) => [m.kind, m.delta]),
      [
        ['award', 1000],
        ['transfer-out', -250],
        ['redemption', -100],
        ['award', 90],
        ['reversal', -500],
      ],
    );
    assert.equal(moves[1]?.counterpartyId, BOB);
    assert.equal(moves[1]?.transferId, 'tr-1');
    assert.equal(moves[2]?.grantId, usedGrantId);
    assert.ok(moves[4]?.originalTicketId);
  });

  it('sums balances per kind, equal to the balance the contract computes from lots', async () => {
    assert.deepEqual(points.summary(ANN), {
      customerId: ANN,
      balance: 240,
      earned: 1090,
      received: 0,
      given: 250,
      redeemed: 100,
      reversed: 500,
    });
    for (const customer of [ANN, BOB]) {
      assert.equal(points.summary(customer).balance, await net.balance(customer));
    }
  });

  it('lists grants with their state, never their codes, and reads expiry against the clock', () => {
    const grants = points.grants(BOB, new Date());
    assert.deepEqual(grants.map((g) => g.status).sort(), ['active', 'used']);
    const open = points.grant(BOB, openGrantId, new Date());
    assert.equal(open?.status, 'active');
    const later = new Date(Date.parse(open!.expiresAt) + 1);
    assert.equal(points.grant(BOB, openGrantId, later)?.status, 'expired');
    assert.equal(points.grant(ANN, usedGrantId, new Date())?.status, 'used');
    assert.equal(points.grant(BOB, usedGrantId, new Date()), undefined, "not another's grant");
    assert.ok(!JSON.stringify(grants).includes('code'));
  });

  it('finds a customer’s movement by transaction, for proof links', () => {
    const first = points.movements(ANN, { limit: 1 }).movements[0]!;
    assert.equal(points.movementOf(ANN, first.txId)?.seq, first.seq);
    assert.equal(points.movementOf(BOB, first.txId), undefined);
  });
});
