import type { EncodedBytes } from './tx-record';

/**
 * The JSON documents `eter proof` prints and `eter check-proof` checks. They
 * are self-contained: with the node's public key, anyone can check one
 * offline. Hashes are lowercase hex, like the block header's.
 */

/** A block header and the node's signature over its exact bytes. */
export interface SignedHead {
  /** The header bytes as text (they are JSON). */
  readonly header: string;
  /** Ed25519 signature over the header bytes, base64. */
  readonly signature: string;
}

/** Proof that a transaction, with its verdict, is leaf `leafIndex` of the log the head signs. */
export interface InclusionProofBundle {
  readonly format: 'eter-inclusion-proof/v1';
  readonly txId: string;
  readonly leafIndex: number;
  /** The leaf bytes as text: the whole transaction record (it is JSON). */
  readonly record: string;
  /** The arguments' JSON array text, bound to the record by `argsHash`. */
  readonly args: string;
  /** The result bytes, bound by `resultHash`; `null` when empty. */
  readonly result: EncodedBytes | null;
  /** The event payload, bound by `event.payloadHash`; `null` without an event. */
  readonly eventPayload: EncodedBytes | null;
  /** Audit path from the leaf's sibling upwards, hex. */
  readonly proof: readonly string[];
  /** Head the proof is against: its `logSize` and `logRoot` are the tree proven into. */
  readonly head: SignedHead;
}

/** Proof that the log at a later head extends the log at an earlier one. */
export interface ConsistencyProofBundle {
  readonly format: 'eter-consistency-proof/v1';
  readonly from: SignedHead;
  readonly to: SignedHead;
  readonly proof: readonly string[];
}
