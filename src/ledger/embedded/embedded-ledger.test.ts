import assert from 'node:assert/strict';
import { statSync, writeFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommitError, EndorseError, SubmitError } from '../gateway/errors';
import type { LedgerBlock } from '../gateway/gateway';
import { NodeKey } from './node-key';
import Database from 'better-sqlite3';
import { LEDGER_FILE, NODE_KEY_FILE } from './embedded-ledger';
import { LedgerStore } from './store';
import { verifyLedger } from './verifier';
import { openKvLedger } from './testing/kv-contract';

describe('embedded ledger', () => {
  it('commits a transaction and returns its id, block and result', async () => {
    const kv = openKvLedger();
    try {
      const tx = await kv.call('Put', 'a', '1');
      assert.match(tx.transactionId, /^[0-9a-f]{64}$/);
      assert.equal(tx.validationCode, 'VALID');
      assert.equal(tx.blockNumber, 0);
      assert.equal(Buffer.from(tx.result).toString(), '1');
      assert.equal(await kv.read('Get', 'a'), '1');
      assert.equal(await kv.ledger.height(), 1);
    } finally {
      await kv.dispose();
    }
  });

  it('does not let a transaction read its own writes', async () => {
    const kv = openKvLedger();
    try {
      await kv.call('Put', 'k', 'old');
      const tx = await kv.call('PutThenGet', 'k', 'new');
      assert.equal(Buffer.from(tx.result).toString(), 'old');
      assert.equal(await kv.read('Get', 'k'), 'new');
    } finally {
      await kv.dispose();
    }
  });

  it('changes nothing when the contract throws, and cuts no block', async () => {
    const kv = openKvLedger();
    try {
      await assert.rejects(kv.call('WriteThenFail', 'x'), (e: unknown) => {
        assert.ok(e instanceof EndorseError);
        assert.equal(e.details, 'deliberate failure');
        return true;
      });
      assert.equal(await kv.read('Get', 'x'), '');
      assert.equal(await kv.ledger.height(), 0);
    } finally {
      await kv.dispose();
    }
  });

  it('rejects unknown functions and contracts at endorsement', async () => {
    const kv = openKvLedger();
    try {
      await assert.rejects(kv.call('Nope'), EndorseError);
      await assert.rejects(
        kv.ledger.submit({ mspId: 'X', id: 'x' }, { contract: 'missing', fn: 'Put', args: [] }),
        EndorseError,
      );
    } finally {
      await kv.dispose();
    }
  });

  it('marks the later of two conflicting transactions MVCC_READ_CONFLICT and records it', async () => {
    const kv = openKvLedger({ maxTransactions: 100, timeoutMs: 20 });
    try {
      const [a, b] = await Promise.allSettled([
        kv.call('PutIfAbsent', 'seat', 'alice'),
        kv.call('PutIfAbsent', 'seat', 'bob'),
      ]);
      assert.equal(a.status, 'fulfilled');
      assert.equal(b.status, 'rejected');
      const error = (b as PromiseRejectedResult).reason as CommitError;
      assert.ok(error instanceof CommitError);
      assert.equal(error.validationCode, 'MVCC_READ_CONFLICT');
      assert.equal(await kv.read('Get', 'seat'), 'alice');
      const block = await firstBlock(kv.ledger.blocks());
      assert.deepEqual(
        block.transactions.map((t) => t.validationCode),
        ['VALID', 'MVCC_READ_CONFLICT'],
      );
    } finally {
      await kv.dispose();
    }
  });

  it('still finds a read gone stale blocks earlier when the cache has evicted its key', async () => {
    // One transaction a block and a one-entry state cache. The two claims of
    // a seat are endorsed against the same state; by the time the second is
    // validated, ten blocks later (at most four are in flight), the first
    // one's write is durable and evicted from the cache.
    const kv = openKvLedger({ maxTransactions: 1, timeoutMs: 1 }, undefined, 1, {
      stateCacheEntries: 1,
    });
    try {
      for (let round = 0; round < 3; round++) {
        const first = kv.call('PutIfAbsent', `seat${round}`, 'alice');
        const others = Array.from({ length: 10 }, (_, i) => kv.call('Put', `o${round}.${i}`, 'x'));
        const second = kv.call('PutIfAbsent', `seat${round}`, 'bob');
        const outcomes = await Promise.allSettled([first, ...others, second]);
        const codes = outcomes.map((o) =>
          o.status === 'fulfilled' ? 'VALID' : (o.reason as CommitError).validationCode,
        );
        assert.deepEqual(codes, [...Array(11).fill('VALID'), 'MVCC_READ_CONFLICT']);
        assert.equal(await kv.read('Get', `seat${round}`), 'alice');
      }
    } finally {
      await kv.dispose();
    }
  });

  it('marks a range read that an earlier transaction changed PHANTOM_READ_CONFLICT', async () => {
    const kv = openKvLedger({ maxTransactions: 100, timeoutMs: 20 });
    try {
      await kv.call('Put', 'acct/1', '10');
      const [put, sum] = await Promise.allSettled([
        kv.call('Put', 'acct/2', '5'),
        kv.call('Sum', 'acct/', 'total'),
      ]);
      assert.equal(put.status, 'fulfilled');
      assert.equal(sum.status, 'rejected');
      assert.equal(
        ((sum as PromiseRejectedResult).reason as CommitError).validationCode,
        'PHANTOM_READ_CONFLICT',
      );
      const again = await kv.call('Sum', 'acct/', 'total');
      assert.equal(Buffer.from(again.result).toString(), '15');
    } finally {
      await kv.dispose();
    }
  });

  it('cuts blocks by count, and by time for the remainder', async () => {
    const kv = openKvLedger({ maxTransactions: 10, timeoutMs: 5 });
    try {
      const txs = await Promise.all(
        Array.from({ length: 25 }, (_, i) => kv.call('Put', `k${i}`, `${i}`)),
      );
      const perBlock = new Map<number, number>();
      for (const tx of txs) perBlock.set(tx.blockNumber, (perBlock.get(tx.blockNumber) ?? 0) + 1);
      assert.deepEqual([...perBlock.values()], [10, 10, 5]);
    } finally {
      await kv.dispose();
    }
  });

  it('refuses work beyond its queue bound with a retryable SubmitError', async () => {
    const kv = openKvLedger({ maxTransactions: 1000, timeoutMs: 50, queueLimit: 5 });
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => kv.call('Put', `q${i}`, 'v')),
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      assert.equal(outcomes.length - refused.length, 5);
      for (const r of refused) {
        const reason = (r as PromiseRejectedResult).reason as SubmitError;
        assert.ok(reason instanceof SubmitError);
        assert.equal(reason.retryable, true);
      }
    } finally {
      await kv.dispose();
    }
  });

  it('keeps one event per transaction, the last one set', async () => {
    const kv = openKvLedger();
    try {
      const tx = await kv.call('Emit', 'Hello', 'world');
      for await (const event of kv.ledger.events()) {
        assert.equal(event.transactionId, tx.transactionId);
        assert.equal(event.name, 'Hello');
        assert.equal(Buffer.from(event.payload).toString(), 'world');
        break;
      }
    } finally {
      await kv.dispose();
    }
  });

  it('replays committed blocks to a listener, then delivers new ones live', async () => {
    const kv = openKvLedger({ maxTransactions: 1, timeoutMs: 1 });
    try {
      await kv.call('Put', 'a', '1');
      await kv.call('Put', 'b', '2');
      const seen: number[] = [];
      const controller = new AbortController();
      const listening = (async () => {
        for await (const block of kv.ledger.blocks({ startBlock: 1, signal: controller.signal })) {
          seen.push(block.number);
          if (seen.length === 3) controller.abort();
        }
      })();
      await kv.call('Put', 'c', '3');
      await kv.call('Put', 'd', '4');
      await listening;
      assert.deepEqual(seen, [1, 2, 3]);
    } finally {
      await kv.dispose();
    }
  });

  it('gives a live listener the very blocks it gives from the file', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 5 }, undefined, 1);
    try {
      const live: LedgerBlock[] = [];
      const controller = new AbortController();
      const listening = (async () => {
        for await (const block of kv.ledger.blocks({ signal: controller.signal })) {
          live.push(block);
        }
      })();
      await kv.call('Emit', 'Made', 'first');
      // Contention: one of each pair is an MVCC conflict, and its event is not delivered.
      for (let round = 0; round < 3; round++) {
        await Promise.allSettled([
          kv.call('PutIfAbsent', `c${round}`, 'a'),
          kv.call('PutIfAbsent', `c${round}`, 'b'),
          kv.call('Emit', 'Made', `round ${round}`),
        ]);
      }
      const height = await kv.ledger.height();
      while (live.length < height) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      await listening;
      await kv.ledger.close();

      const reopened = openKvLedger(undefined, kv.dir);
      try {
        const stored: LedgerBlock[] = [];
        for await (const block of reopened.ledger.blocks()) {
          stored.push(block);
          if (stored.length === height) break;
        }
        assert.deepEqual(live, stored);
        const codes = stored.flatMap((b) => b.transactions.map((t) => t.validationCode));
        assert.ok(codes.includes('MVCC_READ_CONFLICT'), 'the run has an invalid transaction');
        assert.equal(stored.flatMap((b) => b.transactions.flatMap((t) => t.events)).length, 4);
      } finally {
        await reopened.ledger.close();
      }
    } finally {
      await kv.dispose();
    }
  });

  it('keeps key history, newest first, deletions included', async () => {
    const kv = openKvLedger();
    try {
      await kv.call('Put', 'h', 'one');
      await kv.call('Put', 'h', 'two');
      await kv.call('Delete', 'h');
      const history = JSON.parse(await kv.read('History', 'h'));
      assert.deepEqual(history, [
        { value: '', isDelete: true },
        { value: 'two', isDelete: false },
        { value: 'one', isDelete: false },
      ]);
    } finally {
      await kv.dispose();
    }
  });

  it('keeps the history of a key deleted and written again, across blocks and within one', async () => {
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 50 });
    try {
      await kv.call('Put', 'r', 'one');
      await kv.call('Delete', 'r');
      await kv.call('Put', 'r', 'two');
      // Three in one block: the last one's link names the block's own writes.
      await Promise.all([
        kv.call('Put', 'r', 'three'),
        kv.call('Put', 'other', 'x'),
        kv.call('Put', 'other', 'y'),
      ]);
      await kv.call('Delete', 'r');
      const history = JSON.parse(await kv.read('History', 'r')) as Array<{ value: string }>;
      assert.deepEqual(
        history.map((h) => h.value),
        ['', 'three', 'two', '', 'one'],
      );
      assert.deepEqual(JSON.parse(await kv.read('History', 'never')), []);
    } finally {
      await kv.dispose();
    }
  });

  it('passes the caller identity to the contract', async () => {
    const kv = openKvLedger();
    try {
      assert.equal(await kv.read('WhoAmI'), 'Org1MSP|writer');
    } finally {
      await kv.dispose();
    }
  });

  it('acknowledges nothing of a block whose write fails, and carries on from disk', async () => {
    const kv = openKvLedger({ maxTransactions: 100, timeoutMs: 5 });
    try {
      await kv.call('Put', 'before', '1');
      // A real fault in the real file: the database refuses any block holding 'boom'.
      const db = new Database(join(kv.dir, LEDGER_FILE));
      db.exec(`CREATE TRIGGER fault BEFORE INSERT ON tx WHEN NEW.args LIKE '%boom%'
               BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
      db.close();
      const outcomes = await Promise.allSettled([
        kv.call('Put', 'lost-1', 'x'),
        kv.call('Put', 'boom', 'x'),
        kv.call('Put', 'lost-2', 'x'),
      ]);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected');
        const reason = (outcome as PromiseRejectedResult).reason as SubmitError;
        assert.ok(reason instanceof SubmitError, String(reason));
        assert.equal(reason.retryable, true);
      }
      assert.equal(await kv.read('Get', 'lost-1'), '', 'no write of the failed block is visible');
      assert.equal(await kv.ledger.height(), 1);
      const after = await kv.call('Put', 'after', '2');
      assert.equal(after.blockNumber, 1, 'the next block takes the failed one’s number');
      assert.equal(await kv.read('Get', 'after'), '2');
      await kv.ledger.close();
      const store = new LedgerStore(join(kv.dir, LEDGER_FILE), { readonly: true });
      const report = verifyLedger(store, kv.ledger.key.publicKey);
      store.close();
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.transactions, 2);
    } finally {
      await kv.dispose();
    }
  });

  it('keeps state, height and the log across a restart', async () => {
    const first = openKvLedger({ maxTransactions: 3, timeoutMs: 1 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => first.call('Put', `r${i}`, `${i}`)));
    const height = await first.ledger.height();
    await first.ledger.close();
    const second = openKvLedger({ maxTransactions: 3, timeoutMs: 1 }, first.dir);
    try {
      assert.equal(await second.ledger.height(), height);
      assert.equal(await second.read('Get', 'r6'), '6');
      const tx = await second.call('Put', 'after', 'restart');
      assert.equal(tx.blockNumber, height);
      assert.equal(second.ledger.ledgerId, first.ledger.ledgerId);
    } finally {
      await second.dispose();
    }
  });

  it('creates its node key with mode 0600 and refuses a key readable by others', async () => {
    const kv = openKvLedger();
    const keyFile = join(kv.dir, NODE_KEY_FILE);
    try {
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    } finally {
      await kv.dispose();
    }
    const dir = mkdtempSync(join(tmpdir(), 'eter-key-'));
    try {
      const file = join(dir, 'key.pem');
      NodeKey.loadOrCreate(file);
      chmodSync(file, 0o644);
      assert.throws(() => NodeKey.loadOrCreate(file), /must be 600/);
      writeFileSync(join(dir, 'other.pem'), 'not a key', { mode: 0o600 });
      assert.throws(() => NodeKey.loadOrCreate(join(dir, 'other.pem')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function firstBlock(blocks: AsyncIterable<LedgerBlock>): Promise<LedgerBlock> {
  for await (const block of blocks) return block;
  throw new Error('no block');
}

describe('embedded ledger ownership', () => {
  it('refuses a second opening of the same data folder while the first is open', async () => {
    const kv = openKvLedger();
    try {
      assert.throws(() => openKvLedger(undefined, kv.dir), /in use by process/);
      await kv.ledger.close();
      const again = openKvLedger(undefined, kv.dir);
      await again.ledger.close();
    } finally {
      await kv.dispose();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const kv = openKvLedger();
    await kv.ledger.close();
    writeFileSync(join(kv.dir, 'ledger.lock'), '999999999');
    const again = openKvLedger(undefined, kv.dir);
    await again.dispose();
  });
});
