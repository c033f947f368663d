import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommitError, EndorseError } from '../gateway/errors';
import { LEDGER_FILE } from './embedded-ledger';
import { EndorserPool } from './endorser-pool';
import { LedgerStore } from './store';
import { alice, openKvLedger } from './testing/kv-contract';
import { newTxId } from './tx-id';
import { verifyLedger } from './verifier';

describe('endorsing threads', () => {
  it('endorse as in line: results, reads of committed writes, events, history', async () => {
    const kv = openKvLedger({ maxTransactions: 10, timeoutMs: 2 }, undefined, 2);
    try {
      const put = await kv.call('Put', 'a', '1');
      assert.equal(Buffer.from(put.result).toString(), '1');
      await kv.call('Put', 'a', '2');
      const read = await kv.call('PutThenGet', 'b', 'x');
      assert.equal(Buffer.from(read.result).toString(), '');
      assert.equal(await kv.read('Get', 'a'), '2');
      // The thread caches what it read; once a block is durable it forgets its keys.
      assert.equal(
        Buffer.from((await kv.call('PutIfAbsent', 'c', '1')).result).toString(),
        'written',
      );
      await kv.call('Put', 'c', '2');
      assert.equal(
        Buffer.from((await kv.call('PutIfAbsent', 'c', '3')).result).toString(),
        'exists:2',
      );
      await kv.call('Emit', 'Hello', 'world');
      const history = JSON.parse(await kv.read('History', 'a')) as Array<{ value: string }>;
      assert.deepEqual(
        history.map((h) => h.value),
        ['2', '1'],
      );
      assert.equal(Buffer.from((await kv.call('WhoAmI')).result).toString(), 'Org1MSP|writer');
    } finally {
      await kv.dispose();
    }
  });

  it('report a contract failure as an EndorseError and record nothing', async () => {
    const kv = openKvLedger({ maxTransactions: 10, timeoutMs: 2 }, undefined, 1);
    try {
      const height = await kv.ledger.height();
      await assert.rejects(kv.call('WriteThenFail', 'z'), EndorseError);
      await assert.rejects(kv.call('Nope'), EndorseError);
      assert.equal(await kv.ledger.height(), height);
    } finally {
      await kv.dispose();
    }
  });

  it('answer a long message in parts, so that validation starts while the rest is endorsed', async () => {
    const kv = openKvLedger();
    const pool = new EndorserPool(join(kv.dir, LEDGER_FILE), 'eter', {
      module: require.resolve('./testing/kv-contract'),
      exportName: 'newKvContracts',
      threads: 1,
    });
    try {
      // Asked in one turn: one message of 2,000 proposals to the thread.
      const endorsements = Array.from({ length: 2_000 }, (_, i) =>
        pool.endorse(
          alice,
          { contract: 'kv', fn: 'Put', args: [`p${i}`, `${i}`] },
          newTxId(),
          new Date(),
        ),
      );
      await endorsements[0];
      // Already settled promises win a race in the order given: had all the
      // replies come in one message, the last one would be settled by now.
      const pending = Symbol('pending');
      const last = await Promise.race([endorsements.at(-1), Promise.resolve(pending)]);
      assert.equal(last, pending, 'the last endorsement came with the first');
      assert.equal((await Promise.all(endorsements)).length, 2_000);
    } finally {
      await pool.close();
      await kv.dispose();
    }
  });

  it('leave MVCC to the committer: of concurrent claims one is written, none twice', async () => {
    const kv = openKvLedger({ maxTransactions: 100, timeoutMs: 20 }, undefined, 2);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => kv.call('PutIfAbsent', 'seat', `c${i}`)),
      );
      const results = outcomes.flatMap((o) =>
        o.status === 'fulfilled' ? [Buffer.from(o.value.result).toString()] : [],
      );
      assert.equal(results.filter((r) => r === 'written').length, 1);
      const winner = await kv.read('Get', 'seat');
      for (const r of results) assert.ok(r === 'written' || r === `exists:${winner}`, r);
      for (const o of outcomes) {
        if (o.status === 'fulfilled') continue;
        const error = o.reason as CommitError;
        assert.ok(error instanceof CommitError);
        assert.equal(error.validationCode, 'MVCC_READ_CONFLICT');
      }
      await Promise.all(Array.from({ length: 50 }, (_, i) => kv.call('Put', `k${i}`, `${i}`)));
      await kv.ledger.close();
      const store = new LedgerStore(join(kv.dir, LEDGER_FILE), { readonly: true });
      try {
        const report = verifyLedger(store, kv.ledger.key.publicKey);
        assert.equal(report.ok, true, JSON.stringify(report.failure));
      } finally {
        store.close();
      }
    } finally {
      await kv.dispose();
    }
  });
});
