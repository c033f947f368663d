/**
 * A wallet of 150,000 one-point lots (more than a peer's 100,000-key range
 * limit) can still be read, spent and consolidated: a spend reads a bounded
 * number of lots and spends what they hold, consolidation merges them in
 * bounded steps, balances page by cursor. On a real embedded ledger; the
 * same rules run on Fabric in the points suite, at small sizes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContractClient } from '../../src/client/contract-client';
import { MAX_LOTS_PER_SPEND, newContracts } from '../../src/contract';
import { EmbeddedLedger } from '../../src/ledger/embedded';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { tempDir } from '../support/engines';
import { failureOf } from '../support/contract-rejects';
import { ids, OPERATOR_MSP, RETAILER_MSP } from '../support/identities';

const LOTS = 150_000;
const VICTIM = 'cust-flooded';
const NEIGHBOUR = 'cust-next'; // sorts after the victim: ListBalances must reach it

describe(`a wallet of ${LOTS.toLocaleString('en')} one-point lots`, () => {
  const dir = tempDir();
  let ledger: EmbeddedLedger;
  let eter: ContractClient;

  before(async () => {
    ledger = EmbeddedLedger.open({
      dataDir: dir.path,
      contracts: newContracts(),
      cutting: { maxTransactions: 2_000, timeoutMs: 20 },
    });
    eter = new ContractClient(ledger);
    await eter.bootstrap(ids.operator, { operatorMspId: OPERATOR_MSP });
    await eter.registerStore(ids.operator, {
      storeId: 'store-001',
      name: 'store-001',
      mspId: RETAILER_MSP,
    });
    for (const customerId of [VICTIM, NEIGHBOUR]) {
      await eter.registerCustomer(ids.operator, { customerId });
    }
    // One point a sale (1.00 at 100 bp), each its own lot; awards never conflict.
    const wave = 5_000;
    for (let start = 0; start < LOTS; start += wave) {
      await Promise.all(
        Array.from({ length: Math.min(wave, LOTS - start) }, (_, i) =>
          eter.recordTicket(ids.collector, onePoint(`F-${start + i}`, VICTIM)),
        ),
      );
    }
    await eter.recordTicket(ids.collector, onePoint('N-1', NEIGHBOUR, '30.00'));
  });
  after(async () => {
    await ledger.close();
    dir.cleanup();
  });

  it('still has its balance read, past the range limit', async () => {
    assert.deepEqual(await eter.getBalance(ids.query, VICTIM), {
      customerId: VICTIM,
      balance: LOTS,
      lots: LOTS,
    });
  });

  it('pages balances by cursor, through the flooded wallet to the next customer', async () => {
    const first = await eter.listBalances(ids.auditor, { limit: 1 });
    assert.deepEqual(first.balances, [{ customerId: VICTIM, balance: LOTS, lots: LOTS }]);
    assert.equal(first.cursor, VICTIM);
    const next = await eter.listBalances(ids.auditor, { limit: 1, cursor: first.cursor });
    assert.deepEqual(next.balances, [{ customerId: NEIGHBOUR, balance: 30, lots: 1 }]);
    assert.equal(next.cursor, undefined);
  });

  it('spends what the lots a spend reads hold, and names consolidation beyond it', async () => {
    const tx = await eter.transferPoints(ids.query, {
      transferId: 'tr-flood-1',
      fromCustomerId: VICTIM,
      toCustomerId: NEIGHBOUR,
      points: 100,
    });
    assert.equal(tx.value.transfer.points, 100);
    const refused = await failureOf(
      eter.transferPoints(ids.query, {
        transferId: 'tr-flood-2',
        fromCustomerId: VICTIM,
        toCustomerId: NEIGHBOUR,
        points: 1_000,
      }),
    );
    assert.equal(refused.details[0]?.rule, 'lots-fragmented');
  });

  it('consolidates in bounded steps, after which the larger spend goes through', async () => {
    const steps = [];
    for (let i = 0; i < 4; i++) steps.push((await eter.consolidateLots(ids.query, VICTIM)).value);
    assert.ok(steps.every((s) => s.merged === MAX_LOTS_PER_SPEND && s.more));
    const balance = await eter.getBalance(ids.query, VICTIM);
    assert.equal(balance.balance, LOTS - 100, 'consolidation moves no points');
    assert.equal(balance.lots, LOTS - 100 - 4 * (MAX_LOTS_PER_SPEND - 1));
    const tx = await eter.transferPoints(ids.query, {
      transferId: 'tr-flood-3',
      fromCustomerId: VICTIM,
      toCustomerId: NEIGHBOUR,
      points: 1_000,
    });
    assert.equal(tx.value.transfer.points, 1_000);
  });
});

function onePoint(ticketId: string, customerId: string, unitPrice = '1.00') {
  return buildTicket({
    ticketId,
    storeId: 'store-001',
    customerId,
    lines: [{ gtin: gtin13('400638', 1), quantity: '1', unitPrice }],
  });
}
