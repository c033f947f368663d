import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import type { BlockPersister } from './block-persister';
import { RANGE_QUERY_LIMIT, type Simulation } from './chaincode-stub';
import { compareKeys, type CommittedState } from './committed-state';
import type { LedgerStore } from './store';
import type { ValidatedBlock, ValidatedTransaction } from './validated-block';

/** A transaction that passed endorsement and waits in the ordering queue. */
export interface EndorsedTransaction {
  readonly txId: string;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly creator: Identity;
  readonly timestamp: Date;
  readonly simulation: Simulation;
  readonly result: Buffer;
  /**
   * Blocks durable when the proposal went to be endorsed: it read the state
   * as of that height or later (see {@link CommittedState.unchangedSince}).
   */
  readonly endorsedAt: number;
}

/** The verdict on one transaction of a committed block. */
export interface CommitOutcome {
  readonly txId: string;
  readonly seq: number;
  readonly validationCode: ValidationCode;
}

/** A block as committed: its number and each transaction's verdict, in order. */
export interface CommittedBlock {
  readonly number: number;
  readonly outcomes: readonly CommitOutcome[];
}

/** A validated block and the promise that it reaches the disk. */
export interface CutBlock {
  readonly block: CommittedBlock;
  /** Resolves once the block is durable; rejects if it was not written. */
  readonly durable: Promise<void>;
}

interface PendingWrite {
  value: Buffer | null;
  version: number;
}

/**
 * Validates a batch of endorsed transactions in order, as a peer's committer
 * does (duplicate ids, MVCC read versions, phantom reads against the state
 * left by the valid transactions before it), makes the block's writes
 * visible to the next endorsements at once, and hands the block to the log
 * writer, which encodes, signs and durably writes it on its own thread.
 */
export class Committer {
  private nextBlock!: number;
  private nextSeq!: number;
  private durable!: number;
  /** Bumped on every recovery, so that failures of blocks cut before it are not recovered twice. */
  private generation = 0;

  /**
   * @param onDurableBlock told each block once it is durable, with the keys
   *   it wrote (endorsing threads forget what they cached of them; listeners
   *   get the block without reading it back)
   */
  constructor(
    private readonly store: LedgerStore,
    private readonly state: CommittedState,
    private readonly persister: BlockPersister,
    private readonly onDurableBlock?: (block: ValidatedBlock, keys: string[]) => void,
  ) {
    this.load();
  }

  /** Blocks durably committed so far (= the number of the next durable block). */
  get height(): number {
    return this.durable;
  }

  /**
   * Validates and cuts one block holding `batch`, and starts writing it.
   * Each transaction's verdict is final once `durable` resolves. If the write
   * fails, this block and every block cut after it are lost (none was
   * acknowledged) and the committer reloads the stored ledger.
   */
  commit(batch: readonly EndorsedTransaction[], now = new Date()): CutBlock {
    const number = this.nextBlock;
    const firstSeq = this.nextSeq;
    const writes = new Map<string, PendingWrite>();
    const seenIds = new Set<string>();
    const outcomes: CommitOutcome[] = [];
    const transactions: ValidatedTransaction[] = [];
    batch.forEach((tx, i) => {
      const seq = firstSeq + i;
      const validation = this.validate(tx, writes, seenIds);
      seenIds.add(tx.txId);
      if (validation === 'VALID') {
        for (const [key, value] of tx.simulation.writes) writes.set(key, { value, version: seq });
      }
      transactions.push(toValidated(tx, validation));
      outcomes.push({ txId: tx.txId, seq, validationCode: validation });
    });
    const block: ValidatedBlock = { number, timestamp: now.toISOString(), firstSeq, transactions };

    this.state.applyBlock(number, writes);
    this.nextBlock = number + 1;
    this.nextSeq = firstSeq + batch.length;
    const generation = this.generation;
    const durable = this.persister.persist(block).then(
      () => {
        this.state.markDurable(number, writes);
        this.durable = number + 1;
        this.onDurableBlock?.(block, [...writes.keys()]);
      },
      (error: unknown) => {
        if (generation === this.generation) this.recover();
        throw error;
      },
    );
    return { block: { number, outcomes }, durable };
  }

  /** Reloads everything from what is on disk and lets the log writer write again. */
  private recover(): void {
    this.generation++;
    this.state.reset();
    this.load();
    this.persister.reset();
  }

  private load(): void {
    const last = this.store.lastBlock();
    this.nextBlock = last === undefined ? 0 : last.number + 1;
    this.nextSeq = last === undefined ? 0 : last.firstSeq + last.txCount;
    this.durable = this.nextBlock;
    this.state.trackWritesFrom(this.nextBlock);
  }

  private validate(
    tx: EndorsedTransaction,
    writes: ReadonlyMap<string, PendingWrite>,
    seenIds: ReadonlySet<string>,
  ): ValidationCode {
    // Ids carry 208 random bits drawn by this node, so only a replay within the
    // batch could repeat one; the database's unique index guards the rest.
    if (seenIds.has(tx.txId)) return 'DUPLICATE_TXID';
    for (const [key, version] of tx.simulation.reads) {
      // Any earlier valid write in this block changed what the transaction read.
      if (writes.has(key)) return 'MVCC_READ_CONFLICT';
      // Not written since the endorsement read it: still the version read.
      if (this.state.unchangedSince(key, tx.endorsedAt)) continue;
      if (this.state.version(key) !== version) return 'MVCC_READ_CONFLICT';
    }
    for (const range of tx.simulation.ranges) {
      if (!sameRange(range.keys, this.currentRange(range.start, range.end, writes))) {
        return 'PHANTOM_READ_CONFLICT';
      }
    }
    return 'VALID';
  }

  /** Keys and versions a range query would return now: committed state plus this block's writes. */
  private currentRange(
    start: string,
    end: string,
    writes: ReadonlyMap<string, PendingWrite>,
  ): Array<readonly [string, number]> {
    const current = new Map<string, number>();
    for (const row of this.state.range(start, end, RANGE_QUERY_LIMIT)) {
      current.set(row.key, row.version);
    }
    for (const [key, w] of writes) {
      if (compareKeys(key, start) < 0 || (end !== '' && compareKeys(key, end) >= 0)) continue;
      if (w.value === null) current.delete(key);
      else current.set(key, w.version);
    }
    return [...current].sort((a, b) => compareKeys(a[0], b[0]));
  }
}

function toValidated(tx: EndorsedTransaction, validation: ValidationCode): ValidatedTransaction {
  const sim = tx.simulation;
  return {
    txId: tx.txId,
    contract: tx.contract,
    fn: tx.fn,
    args: tx.args,
    creator: tx.creator,
    timestamp: tx.timestamp.toISOString(),
    reads: [...sim.reads],
    ranges: sim.ranges,
    writes: [...sim.writes],
    result: tx.result.length === 0 ? null : tx.result,
    event: sim.event,
    validation,
  };
}

function sameRange(
  a: ReadonlyArray<readonly [string, number]>,
  b: ReadonlyArray<readonly [string, number]>,
): boolean {
  if (a.length !== b.length) return false;
  return a.every(([key, version], i) => key === b[i]?.[0] && version === b[i]?.[1]);
}
