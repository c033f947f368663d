import { fromUtf8 } from './bytes';

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

/** Parses header bytes. Throws on malformed input. */
export function decodeBlockHeader(bytes: Uint8Array): BlockHeader {
  const header = JSON.parse(fromUtf8(bytes)) as BlockHeader;
  if (header === null || typeof header !== 'object' || header.v !== 1) {
    throw new Error('not a version 1 block header');
  }
  return header;
}
