import { randomBytes } from 'node:crypto';
import { hashLeaf, LogAppender, type StoredNode } from '../merkle';
import { SALT_SIZE } from '../verifier';
import { encodeBlockHeader, GENESIS_PREVIOUS_HASH, hashBlockHeader } from './block-header';
import type { NodeKey } from './node-key';
import type { BlockWrite, KeyVersion, LedgerStore, StateChange, TxRow } from './store';
import {
  encodeBytes,
  encodeTxRecord,
  sha256Hex,
  type TxRecord,
  type WriteEntry,
} from './tx-record';
import { partCount } from './tx-commitment';
import { sealTransaction, type SealedElements } from './tx-seal';
import { elementSourceOf, readElements, type ElementRule } from './tx-elements';
import type { ValidatedBlock, ValidatedTransaction } from './validated-block';
import { ERASURE_CONTRACT, ERASURE_FN, parseErasureArgs, type ErasureRequest } from './erasure';
import { erasureWrite } from './erasure-write';
import { asBuffer } from './wire-bytes';

/** The transaction record version new blocks are written with (see docs/ledger.md). */
export type RecordVersion = 1 | 2 | 3;

/**
 * Turns validated blocks into what is written: transaction records (the log
 * leaves) and, for version 2 records, their openings, the Merkle nodes they complete, the world-state changes of the
 * valid ones, and the signed header chained to the previous block. It keeps
 * the log's frontier and the previous header hash in memory; {@link load}
 * rereads both from disk (at start, and after a failed write).
 */
export class BlockBuilder {
  private appender!: LogAppender;
  private previousHash!: string;

  constructor(
    private readonly store: LedgerStore,
    private readonly key: NodeKey,
    private readonly ledgerId: string,
    /** 3 unless a test writes a ledger as earlier builds did. */
    private readonly recordVersion: RecordVersion = 3,
    /** Version 3: the functions whose argument's array is committed element by element. */
    private readonly elementRules: readonly ElementRule[] = [],
  ) {
    this.load();
  }

  /** Rereads the log frontier and the last header hash from disk. */
  load(): void {
    const last = this.store.lastBlock();
    this.previousHash = last === undefined ? GENESIS_PREVIOUS_HASH : last.hash.toString('hex');
    const size = last === undefined ? 0 : last.firstSeq + last.txCount;
    this.appender = LogAppender.fromStore(size, {
      node: (level, index) => {
        const hash = this.store.getNode(level, index);
        if (hash === undefined) throw new Error(`merkle node ${level}/${index} missing from store`);
        return hash;
      },
    });
  }

  /**
   * Builds the write of one block. Advances the in-memory log: if the write
   * then fails, call {@link load}.
   * @throws if the block does not continue the log where it stands.
   */
  build(block: ValidatedBlock): BlockWrite {
    if (block.firstSeq !== this.appender.size) {
      throw new Error(
        `block ${block.number} starts at ${block.firstSeq}, the log is at ${this.appender.size}`,
      );
    }
    const rows: TxRow[] = [];
    const state = new Map<string, StateChange>();
    const nodes: StoredNode[] = [];
    const blockTree = new LogAppender();
    const salts = this.recordVersion === 1 ? undefined : blockSalts(block);
    const elements =
      this.recordVersion === 3 ? sealedElements(block, this.elementRules) : undefined;
    let saltAt = 0;
    block.transactions.forEach((tx, i) => {
      const seq = block.firstSeq + i;
      const args = JSON.stringify(tx.args);
      const result = tx.result === null ? null : asBuffer(tx.result);
      const eventPayload = tx.event === null ? null : asBuffer(tx.event.payload);
      let record: Buffer;
      let opening: Buffer | null = null;
      let leafBytes: Buffer | undefined;
      if (salts === undefined) {
        record = encodeTxRecord(toRecord(tx, block.number, seq, args, result, eventPayload));
      } else {
        const count = SALT_SIZE * txParts(tx);
        const sealed = sealTransaction(
          { ...tx, block: block.number, seq },
          { args, result, eventPayload },
          salts.subarray(saltAt, (saltAt += count)),
          elements?.[i],
        );
        record = sealed.record;
        opening = sealed.opening;
        leafBytes = sealed.leaf;
      }
      const leaf = hashLeaf(leafBytes ?? record);
      for (const node of this.appender.append(leaf)) nodes.push(node);
      blockTree.append(leaf);
      const valid = tx.validation === 'VALID';
      const links: Array<number | null> = [];
      if (valid) {
        for (const [key, value] of tx.writes) {
          const before = state.get(key) ?? this.store.keyVersion(key);
          links.push(before?.version ?? null);
          state.set(key, {
            value: value === null ? null : asBuffer(value),
            version: seq,
            revives: isDeleted(before),
          });
        }
      }
      rows.push({
        seq,
        txId: tx.txId,
        block: block.number,
        valid,
        record,
        args,
        result,
        eventPayload,
        prev: valid ? JSON.stringify(links) : null,
        opening,
      });
    });
    const header = encodeBlockHeader({
      v: 1,
      ledgerId: this.ledgerId,
      number: block.number,
      previousHash: this.previousHash,
      txRoot: blockTree.root().toString('hex'),
      txCount: block.transactions.length,
      logSize: this.appender.size,
      logRoot: this.appender.root().toString('hex'),
      timestamp: block.timestamp,
    });
    const hash = hashBlockHeader(header);
    const erasures: ErasureRequest[] = [];
    for (const row of rows) {
      const tx = block.transactions[row.seq - block.firstSeq]!;
      if (row.valid && tx.contract === ERASURE_CONTRACT && tx.fn === ERASURE_FN) {
        erasures.push(parseErasureArgs(row.args));
      }
    }
    const erasure = erasures.length === 0 ? undefined : erasureWrite(this.store, erasures, state);
    this.previousHash = hash.toString('hex');
    return {
      block: {
        number: block.number,
        header,
        hash,
        signature: this.key.sign(header),
        firstSeq: block.firstSeq,
        txCount: block.transactions.length,
      },
      transactions: rows,
      state,
      nodes,
      ...(erasure === undefined ? {} : { erasure }),
    };
  }
}

/** How many parts a transaction's record commits to. */
function txParts(tx: ValidatedTransaction): number {
  const { reads, ranges, writes, result, event } = tx;
  return partCount(reads.length, ranges.length, writes.length, result !== null, event !== null);
}

/**
 * Each version 3 transaction's elements, sealed with fresh random salts and decoy seeds drawn
 * for the whole block at once; `null` for a transaction without (or whose arguments, refused by
 * the contract, do not hold them).
 */
function sealedElements(
  block: ValidatedBlock,
  rules: readonly ElementRule[],
): Array<SealedElements | null> {
  const found = block.transactions.map((tx) => {
    const source = elementSourceOf(rules, tx.contract, tx.fn);
    const json = source === null ? undefined : readElements(source, tx.args);
    return source === null || json === undefined ? null : { source, json };
  });
  let bytes = 0;
  for (const f of found) if (f !== null) bytes += (f.json.length + 1) * SALT_SIZE;
  const random = bytes === 0 ? Buffer.alloc(0) : randomBytes(bytes);
  let at = 0;
  return found.map((f) => {
    if (f === null) return null;
    const salts = random.subarray(at, (at += f.json.length * SALT_SIZE));
    const seed = random.subarray(at, (at += SALT_SIZE));
    return { ...f, opening: { salts, seed } };
  });
}

/**
 * Fresh random salts for every part of a block's records, drawn at once (one call for the
 * block, not one per part): 16 bytes each, never derived from anything a reader could know.
 */
function blockSalts(block: ValidatedBlock): Buffer {
  let parts = 0;
  for (const tx of block.transactions) parts += txParts(tx);
  return randomBytes(SALT_SIZE * parts);
}

/**
 * Whether a key's previous version was a deletion: in this block (a change
 * to `null`, or one that still carries a tombstone) or on disk.
 */
function isDeleted(before: StateChange | KeyVersion | undefined): boolean {
  if (before === undefined) return false;
  if ('deleted' in before) return before.deleted;
  return before.value === null || before.revives;
}

function toRecord(
  tx: ValidatedTransaction,
  block: number,
  seq: number,
  args: string,
  result: Buffer | null,
  eventPayload: Buffer | null,
): TxRecord {
  const writes: WriteEntry[] = tx.writes.map(([key, value]) =>
    value === null ? { key, delete: true } : { key, value: encodeBytes(value) },
  );
  return {
    v: 1,
    txId: tx.txId,
    block,
    seq,
    contract: tx.contract,
    fn: tx.fn,
    argsHash: sha256Hex(args),
    creator: tx.creator,
    timestamp: tx.timestamp,
    reads: tx.reads,
    ranges: tx.ranges,
    writes,
    resultHash: result === null ? null : sha256Hex(result),
    event: tx.event &&
      eventPayload && { name: tx.event.name, payloadHash: sha256Hex(eventPayload) },
    validation: tx.validation,
  };
}
