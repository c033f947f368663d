import { headerFailed, txFailed, type CheckedBlock, type CheckedTx } from './verify-block';
import type { VerifyFailure } from './verify-report';
import type { PageCursor } from './verify-source';
import type { StateDigest } from './verify-state';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * The wire form of what the verifier's threads send it: pages of checked
 * blocks, and chunks of digested state rows, each one transferred byte
 * array (see wire-bytes). Structured cloning thousands of small objects
 * costs the receiving thread more than checking them did.
 */

const NO_LINKS = -1;
const MALFORMED_LINKS = -2;
/** A `null` version or link: seqs are never negative. */
const ABSENT = -1;

/**
 * Encodes a page of checked blocks one block at a time, so that each
 * block's parsed records are garbage before the next is read.
 */
export class CheckedPageEncoder {
  private readonly out = new ByteWriter();

  /** Appends a block. */
  block(block: CheckedBlock): void {
    const out = this.out;
    out.u32(1);
    out.f64(block.number);
    failure(out, block.headerFailure);
    if (block.headerFailure !== undefined) return;
    out.string(block.hash);
    out.string(block.previousHash);
    out.string(block.ledgerId);
    out.f64(block.logSize);
    out.string(block.logRoot);
    out.f64(block.headerTxCount);
    out.f64(block.firstSeq);
    out.f64(block.txCount);
    out.u32(block.countsAgree ? 1 : 0);
    out.u32(block.txs.length);
    for (const tx of block.txs) encodeTx(out, tx);
    failure(out, block.txRootFailure);
  }

  /** Ends the page with its Merkle-node verdict; the bytes are the encoder's no more. */
  finish(nodesProblem: string | undefined): Uint8Array {
    this.out.u32(0);
    this.out.bytesOrNull(nodesProblem === undefined ? null : Buffer.from(nodesProblem, 'utf8'));
    return this.out.finish();
  }
}

function encodeTx(out: ByteWriter, tx: CheckedTx): void {
  out.string(tx.txId);
  out.f64(tx.seq);
  out.bytes(tx.leaf);
  failure(out, tx.failure);
  if (tx.failure !== undefined) return;
  out.string(tx.validation);
  out.u32(tx.reads.length);
  for (const [key, version] of tx.reads) {
    out.string(key);
    out.f64(version ?? ABSENT);
  }
  out.u32(tx.writes.length);
  for (const [key, digest] of tx.writes) {
    out.string(key);
    out.bytesOrNull(digest);
  }
  if (tx.links === 'none') out.i32(NO_LINKS);
  else if (tx.links === 'malformed') out.i32(MALFORMED_LINKS);
  else {
    out.i32(tx.links.length);
    for (const link of tx.links) out.f64(link ?? ABSENT);
  }
  out.bytesOrNull(
    tx.erasure === undefined ? null : Buffer.from(JSON.stringify(tx.erasure), 'utf8'),
  );
}

/** Reads a {@link CheckedPageEncoder}'s bytes back, a block at a time. */
export class CheckedPageDecoder implements PageCursor {
  private readonly input: ByteReader;
  private problem: string | undefined;
  private ended = false;

  constructor(bytes: Uint8Array) {
    this.input = new ByteReader(bytes, 'verify page');
  }

  next(): CheckedBlock | undefined {
    if (this.ended) return undefined;
    const input = this.input;
    if (input.u32() === 0) {
      this.ended = true;
      this.problem = input.bytesOrNull()?.toString('utf8');
      input.end();
      return undefined;
    }
    const number = input.f64();
    const headerFailure = readFailure(input);
    if (headerFailure !== undefined) return headerFailed(number, headerFailure);
    const hash = input.string();
    const previousHash = input.string();
    const ledgerId = input.string();
    const logSize = input.f64();
    const logRoot = input.string();
    const headerTxCount = input.f64();
    const firstSeq = input.f64();
    const txCount = input.f64();
    const countsAgree = input.u32() === 1;
    const txs: CheckedTx[] = [];
    for (let t = input.u32(); t > 0; t--) txs.push(decodeTx(input));
    const txRootFailure = readFailure(input);
    return {
      number,
      hash,
      previousHash,
      ledgerId,
      logSize,
      logRoot,
      headerTxCount,
      firstSeq,
      txCount,
      countsAgree,
      txs,
      ...(txRootFailure === undefined ? {} : { txRootFailure }),
    };
  }

  nodesProblem(): string | undefined {
    return this.problem;
  }
}

function decodeTx(input: ByteReader): CheckedTx {
  const txId = input.string();
  const seq = input.f64();
  const leaf = input.bytes();
  const txFailure = readFailure(input);
  if (txFailure !== undefined) return txFailed(txId, seq, leaf, txFailure);

  const validation = input.string();
  const reads: Array<[string, number | null]> = [];
  for (let n = input.u32(); n > 0; n--) {
    const key = input.string();
    const version = input.f64();
    reads.push([key, version === ABSENT ? null : version]);
  }
  const writes: Array<[string, Uint8Array | null]> = [];
  for (let n = input.u32(); n > 0; n--) {
    const key = input.string();
    writes.push([key, input.bytesOrNull()]);
  }
  const count = input.i32();
  let links: CheckedTx['links'];
  if (count === NO_LINKS) links = 'none';
  else if (count === MALFORMED_LINKS) links = 'malformed';
  else {
    const list: Array<number | null> = [];
    for (let n = count; n > 0; n--) {
      const link = input.f64();
      list.push(link === ABSENT ? null : link);
    }
    links = list;
  }
  const erasure = input.bytesOrNull();
  return {
    txId,
    seq,
    leaf,
    validation,
    reads,
    writes,
    links,
    ...(erasure === null
      ? {}
      : { erasure: JSON.parse(erasure.toString('utf8')) as NonNullable<CheckedTx['erasure']> }),
  };
}

function failure(out: ByteWriter, value: VerifyFailure | undefined): void {
  out.bytesOrNull(value === undefined ? null : Buffer.from(JSON.stringify(value), 'utf8'));
}

function readFailure(input: ByteReader): VerifyFailure | undefined {
  const bytes = input.bytesOrNull();
  return bytes === null ? undefined : (JSON.parse(bytes.toString('utf8')) as VerifyFailure);
}

/** Encodes a chunk of digested state rows. */
export function encodeStateChunk(rows: readonly StateDigest[]): Uint8Array {
  const out = new ByteWriter();
  out.u32(rows.length);
  for (const row of rows) {
    out.string(row.key);
    out.f64(row.version);
    out.bytes(row.digest);
  }
  return out.finish();
}

/** Decodes {@link encodeStateChunk}'s bytes. */
export function decodeStateChunk(bytes: Uint8Array): StateDigest[] {
  const input = new ByteReader(bytes, 'state chunk');
  const rows: StateDigest[] = [];
  for (let n = input.u32(); n > 0; n--) {
    rows.push({
      key: input.string(),
      version: input.f64(),
      digest: input.bytes(),
    });
  }
  input.end();
  return rows;
}
