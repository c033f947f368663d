import { createHash } from 'node:crypto';
import type { BlockHeader } from '../verifier';

// The header's type and parser are the verifier's (one definition for the node and for proofs).
export { decodeBlockHeader, type BlockHeader } from '../verifier';

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

/** SHA-256 of header bytes. */
export function hashBlockHeader(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
