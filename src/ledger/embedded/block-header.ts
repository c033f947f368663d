import { createHash } from 'node:crypto';

/**
 * A block header. Its JSON bytes are what the node signs and what the next
 * block's `previousHash` commits to.
 */
export interface BlockHeader {
  /** Header format version. */
  readonly v: 1;
  /** Identifies the ledger, so that a head of one ledger is not taken for another's. */
  readonly ledgerId: string;
  readonly number: number;
  /** SHA-256 of the previous block's header bytes, hex; 64 zeros for block 0. */
  readonly previousHash: string;
  /** RFC 6962 root over this block's transaction leaves, hex. */
  readonly txRoot: string;
  readonly txCount: number;
  /** Size of the global transaction log after this block. */
  readonly logSize: number;
  /** RFC 6962 root of the global log at `logSize`, hex. */
  readonly logRoot: string;
  /** Commit time (ISO 8601, UTC). */
  readonly timestamp: string;
}

/** `previousHash` of the first block. */
export const GENESIS_PREVIOUS_HASH = '0'.repeat(64);

/** Header bytes, fields in a fixed order so equal headers give equal bytes. */
export function encodeBlockHeader(h: BlockHeader): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: h.v,
      ledgerId: h.ledgerId,
      number: h.number,
      previousHash: h.previousHash,
      txRoot: h.txRoot,
      txCount: h.txCount,
      logSize: h.logSize,
      logRoot: h.logRoot,
      timestamp: h.timestamp,
    }),
    'utf8',
  );
}

/** Parses header bytes. Throws on malformed input. */
export function decodeBlockHeader(bytes: Uint8Array): BlockHeader {
  const header = JSON.parse(Buffer.from(bytes).toString('utf8')) as BlockHeader;
  if (header === null || typeof header !== 'object' || header.v !== 1) {
    throw new Error('not a version 1 block header');
  }
  return header;
}

/** SHA-256 of header bytes. */
export function hashBlockHeader(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
