import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { LogAppender } from '../merkle';
import { GENESIS_PREVIOUS_HASH } from './block-header';
import type { LedgerStore } from './store';
import type { CheckedBlock } from './verify-block';
import { nodeCountsProblem } from './verify-nodes';
import { VerifyReader } from './verify-reader';
import { VERIFY_PAGE_BLOCKS } from './verify-source';
import { ErasureLedger, replay, ReplayedState } from './verify-replay';
import { fail, Unsound, type VerifyReport } from './verify-report';

export type { VerifyFailure, VerifyFailureCode, VerifyReport } from './verify-report';

/** How to verify. */
export interface VerifyOptions {
  /**
   * Threads that read and check pages of blocks (and hash chunks of the
   * state) beside the calling thread, which checks its own share and links
   * and replays them all; 0 (the default) does everything on the calling
   * thread. See {@link defaultVerifyThreads}.
   */
  readonly threads?: number;
}

/** Progress callback: blocks checked so far out of the total. */
export type VerifyProgress = (done: number, total: number) => void;

const TOMBSTONE_PAGE = 4096;

/** Blocks under which starting threads costs more than it saves. */
const THREADS_FROM_BLOCKS = 8 * VERIFY_PAGE_BLOCKS;

/**
 * Checking threads worth starting for a ledger of `blocks` blocks: one for
 * each core but the calling thread's (it checks a share of the pages too),
 * at most three (the replay keeps up with about four checkers), none for a
 * ledger of less than eight pages: below that, starting a thread and
 * warming its code up cost what it saves (25,059 transactions in 66
 * blocks: −7 %; 155,059: +30 %).
 */
export function defaultVerifyThreads(blocks: number): number {
  return blocks < THREADS_FROM_BLOCKS ? 0 : Math.min(3, availableParallelism() - 1);
}

/**
 * Checks an embedded ledger end to end, trusting nothing stored but the
 * node's public key: every header's hash, signature and link to the one
 * before; every transaction record against its block; the block and log
 * Merkle roots recomputed from the records; every stored Merkle node; and a
 * replay of all transactions in order that re-validates each verdict (MVCC
 * read versions) and must rebuild the world state exactly.
 *
 * The checks that need only one block run page by page, shared with other
 * threads given `options.threads`; the links between blocks, the log and
 * the replay run in order on this one. Either way the report is the same.
 *
 * Memory grows with the number of keys ever written: the key, its map
 * entry and 41 bytes (the replay keeps a digest of each value, not the
 * value; see {@link ReplayedState}), under 2 GB for ten million keys.
 */
export function verifyLedger(
  store: LedgerStore,
  publicKey: KeyObject,
  onProgress?: VerifyProgress,
  options: VerifyOptions = {},
): VerifyReport {
  const state = new ReplayedState();
  const erasures = new ErasureLedger();
  let blocks = 0;
  let transactions = 0;
  const reader = new VerifyReader(store, publicKey, options.threads ?? 0);
  try {
    const total = store.blockCount();
    const log = new LogAppender();
    let nodesProblem: string | undefined;
    let previousHash = GENESIS_PREVIOUS_HASH;
    let ledgerId: string | undefined;
    for (let page = reader.nextPage(); page !== undefined; page = reader.nextPage()) {
      for (let block = page.next(); block !== undefined; block = page.next()) {
        if (block.number !== blocks) {
          fail({ code: 'chain', message: `block ${blocks} is missing`, block: blocks });
        }
        linkBlock(block, previousHash, ledgerId ?? block.ledgerId, log.size);
        ledgerId ??= block.ledgerId;
        for (const tx of block.txs) {
          if (tx.failure !== undefined) fail(tx.failure);
          const at = { block: block.number, txId: tx.txId, seq: tx.seq };
          replay(tx, state, at);
          erasures.take(tx, at);
          log.append(tx.leaf);
          transactions++;
        }
        if (block.txRootFailure !== undefined) fail(block.txRootFailure);
        if (log.size !== block.logSize || log.root().toString('hex') !== block.logRoot) {
          fail({
            code: 'log-root',
            message: 'log root does not match the records',
            block: block.number,
          });
        }
        previousHash = block.hash;
        blocks++;
        onProgress?.(blocks, total);
      }
      nodesProblem ??= page.nodesProblem();
    }
    erasures.finish();
    nodesProblem ??= nodeCountsProblem(store, log.size);
    if (nodesProblem !== undefined) fail({ code: 'merkle-node', message: nodesProblem });
    const stateKeys = checkState(reader, state);
    checkTombstones(store, state);
    return { ok: true, blocks, transactions, stateKeys };
  } catch (error) {
    if (error instanceof Unsound) {
      return { ok: false, blocks, transactions, stateKeys: state.size, failure: error.failure };
    }
    throw error;
  } finally {
    reader.close();
  }
}

/** The checks that tie a block to the one before it and to the log so far. */
function linkBlock(
  block: CheckedBlock,
  previousHash: string,
  ledgerId: string,
  logSize: number,
): void {
  const where = { block: block.number };
  if (block.headerFailure !== undefined) fail(block.headerFailure);
  if (block.previousHash !== previousHash) {
    fail({ code: 'chain', message: 'previousHash does not match the previous header', ...where });
  }
  if (block.ledgerId !== ledgerId) {
    fail({ code: 'ledger-id', message: `block of ledger ${block.ledgerId}`, ...where });
  }
  if (!block.countsAgree || block.firstSeq !== logSize) {
    fail({
      code: 'tx-count',
      message: `header counts ${block.headerTxCount} transactions from ${logSize}, found ${block.txCount} from ${block.firstSeq}`,
      ...where,
    });
  }
}

/** The stored world state must be exactly the replayed one. */
function checkState(reader: VerifyReader, state: ReplayedState): number {
  let count = 0;
  for (let chunk = reader.nextStateChunk(); chunk !== undefined; chunk = reader.nextStateChunk()) {
    for (const row of chunk) {
      const found = state.compareLive(row.key, row.version, row.digest);
      if (found === 'absent') {
        fail({
          code: 'state',
          message: 'state holds a key no valid transaction wrote',
          key: row.key,
        });
      }
      if (found === 'differs') {
        fail({
          code: 'state',
          message: 'state value differs from the replayed history',
          key: row.key,
        });
      }
      count++;
    }
  }
  const { live } = state.counts();
  if (count !== live) {
    fail({ code: 'state', message: `state has ${count} keys, the replay gives ${live}` });
  }
  return count;
}

/** Deleted keys, where their history starts, must be exactly the replayed deletions. */
function checkTombstones(store: LedgerStore, state: ReplayedState): void {
  let count = 0;
  for (let after = ''; ;) {
    const page = store.tombstones(after, TOMBSTONE_PAGE);
    for (const row of page) {
      if (!state.isDeletion(row.key, row.version)) {
        fail({
          code: 'history',
          message: 'tombstone does not match the replayed deletion',
          key: row.key,
        });
      }
      count++;
    }
    if (page.length < TOMBSTONE_PAGE) break;
    after = page[page.length - 1]!.key;
  }
  const { deleted } = state.counts();
  if (count !== deleted) {
    fail({ code: 'history', message: `${count} tombstones, the replay deletes ${deleted} keys` });
  }
}
