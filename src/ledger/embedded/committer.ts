import { hashLeaf, LogAppender, type StoredNode } from '../merkle';
import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import { encodeBlockHeader, GENESIS_PREVIOUS_HASH, hashBlockHeader } from './block-header';
import { RANGE_QUERY_LIMIT, type Simulation } from './chaincode-stub';
import { compareKeys, type CommittedState } from './committed-state';
import type { BlockPersister } from './block-persister';
import type { NodeKey } from './node-key';
import type { BlockWrite, LedgerStore, TxRow } from './store';
import {
  encodeBytes,
  encodeTxRecord,
  sha256Hex,
  type TxRecord,
  type WriteEntry,
} from './tx-record';

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
 * left by the valid transactions before it), turns them into log leaves and a
 * signed block, makes its writes visible to the next block at once, and
 * hands it to the persister, which writes it in one durable transaction.
 */
export class Committer {
  private appender!: LogAppender;
  private nextBlock!: number;
  private previousHash!: string;
  private durable!: number;
  /** Bumped on every recovery, so that failures of blocks cut before it are not recovered twice. */
  private generation = 0;

  constructor(
    private readonly store: LedgerStore,
    private readonly state: CommittedState,
    private readonly key: NodeKey,
    private readonly ledgerId: string,
    private readonly persister: BlockPersister,
  ) {
    this.load();
  }

  /** Blocks durably committed so far (= the number of the next durable block). */
  get height(): number {
    return this.durable;
  }

  /** Size of the global log. */
  get logSize(): number {
    return this.appender.size;
  }

  /**
   * Validates and cuts one block holding `batch`, and starts writing it.
   * Each transaction's verdict is final once `durable` resolves. If the write
   * fails, this block and every block cut after it are lost (none was
   * acknowledged) and the committer reloads the stored ledger.
   */
  commit(batch: readonly EndorsedTransaction[], now = new Date()): CutBlock {
    const number = this.nextBlock;
    const writes = new Map<string, PendingWrite>();
    const seenIds = new Set<string>();
    const rows: TxRow[] = [];
    const history: Array<{ key: string; seq: number }> = [];
    const nodes: StoredNode[] = [];
    const outcomes: CommitOutcome[] = [];
    const blockTree = new LogAppender();
    let seq = this.appender.size;

    try {
      for (const tx of batch) {
        const code = this.validate(tx, writes, seenIds);
        seenIds.add(tx.txId);
        const valid = code === 'VALID';
        if (valid) {
          for (const [key, value] of tx.simulation.writes) {
            writes.set(key, { value, version: seq });
            history.push({ key, seq });
          }
        }
        const args = JSON.stringify(tx.args);
        const bytes = encodeTxRecord(toRecord(tx, number, seq, code, args));
        const leaf = hashLeaf(bytes);
        for (const node of this.appender.append(leaf)) nodes.push(node);
        blockTree.append(leaf);
        rows.push({
          seq,
          txId: tx.txId,
          block: number,
          valid,
          record: bytes,
          args,
          result: tx.result.length === 0 ? null : tx.result,
          eventPayload: tx.simulation.event?.payload ?? null,
        });
        outcomes.push({ txId: tx.txId, seq, validationCode: code });
        seq++;
      }

      const header = encodeBlockHeader({
        v: 1,
        ledgerId: this.ledgerId,
        number,
        previousHash: this.previousHash,
        txRoot: blockTree.root().toString('hex'),
        txCount: batch.length,
        logSize: this.appender.size,
        logRoot: this.appender.root().toString('hex'),
        timestamp: now.toISOString(),
      });
      const hash = hashBlockHeader(header);
      const write: BlockWrite = {
        block: {
          number,
          header,
          hash,
          signature: this.key.sign(header),
          firstSeq: seq - batch.length,
          txCount: batch.length,
        },
        transactions: rows,
        state: writes,
        history,
        nodes,
      };
      this.state.applyBlock(number, writes);
      this.nextBlock = number + 1;
      this.previousHash = hash.toString('hex');
      const generation = this.generation;
      const durable = this.persister.persist(write).then(
        () => {
          this.state.markDurable(number, writes);
          this.durable = number + 1;
        },
        (error: unknown) => {
          if (generation === this.generation) this.recover();
          throw error;
        },
      );
      return { block: { number, outcomes }, durable };
    } catch (error) {
      // Nothing was handed to the persister; forget what this attempt built.
      this.recover();
      throw error;
    }
  }

  /** Reloads everything from what is on disk and lets the persister write again. */
  private recover(): void {
    this.generation++;
    this.state.reset();
    this.load();
    this.persister.reset();
  }

  private load(): void {
    const last = this.store.lastBlock();
    this.nextBlock = last === undefined ? 0 : last.number + 1;
    this.durable = this.nextBlock;
    this.previousHash = last === undefined ? GENESIS_PREVIOUS_HASH : last.hash.toString('hex');
    this.appender = this.loadAppender();
  }

  private validate(
    tx: EndorsedTransaction,
    writes: ReadonlyMap<string, PendingWrite>,
    seenIds: ReadonlySet<string>,
  ): ValidationCode {
    // Ids are 256 random bits drawn by this node, so only a replay within the
    // batch could repeat one; the database's unique index guards the rest.
    if (seenIds.has(tx.txId)) return 'DUPLICATE_TXID';
    for (const [key, version] of tx.simulation.reads) {
      // Any earlier valid write in this block changed what the transaction read.
      if (writes.has(key) || this.state.get(key).version !== version) return 'MVCC_READ_CONFLICT';
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

  private loadAppender(): LogAppender {
    const last = this.store.lastBlock();
    const size = last === undefined ? 0 : last.firstSeq + last.txCount;
    return LogAppender.fromStore(size, {
      node: (level, index) => {
        const hash = this.store.getNode(level, index);
        if (hash === undefined) throw new Error(`merkle node ${level}/${index} missing from store`);
        return hash;
      },
    });
  }
}

function toRecord(
  tx: EndorsedTransaction,
  block: number,
  seq: number,
  code: ValidationCode,
  args: string,
): TxRecord {
  const sim = tx.simulation;
  const writes: WriteEntry[] = [];
  for (const [key, value] of sim.writes) {
    writes.push(value === null ? { key, delete: true } : { key, value: encodeBytes(value) });
  }
  return {
    v: 1,
    txId: tx.txId,
    block,
    seq,
    contract: tx.contract,
    fn: tx.fn,
    argsHash: sha256Hex(args),
    creator: tx.creator,
    timestamp: tx.timestamp.toISOString(),
    reads: [...sim.reads],
    ranges: sim.ranges,
    writes,
    resultHash: tx.result.length === 0 ? null : sha256Hex(tx.result),
    event: sim.event && { name: sim.event.name, payloadHash: sha256Hex(sim.event.payload) },
    validation: code,
  };
}

function sameRange(
  a: ReadonlyArray<readonly [string, number]>,
  b: ReadonlyArray<readonly [string, number]>,
): boolean {
  if (a.length !== b.length) return false;
  return a.every(([key, version], i) => key === b[i]?.[0] && version === b[i]?.[1]);
}
