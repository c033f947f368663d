import type { EncodedBytes, RangeRead } from './tx-record';

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

/**
 * Proof that a version 2 record, with its verdict, is leaf `leafIndex` of the log the head signs,
 * and of the parts of it shown to the reader: each with its salt, so that the checker recomputes
 * its commitment in the record. The parts left out are known only by their commitments.
 */
export interface InclusionProofBundleV2 {
  readonly format: 'eter-inclusion-proof/v2';
  readonly txId: string;
  readonly leafIndex: number;
  /**
   * The record as text (JSON), commitments only: a version 2 record is the leaf itself; a
   * version 3 record's leaf is computed from it and `elements` (`encodeLeafV3`).
   */
  readonly record: string;
  /** A version 3 record with elements: the digests its leaf lists. */
  readonly elements?: readonly string[];
  readonly disclosed: Disclosures;
  readonly proof: readonly string[];
  readonly head: SignedHead;
}

/**
 * The parts of a version 2 record a proof shows, by their place in the record. Salts are 16 bytes
 * as unpadded base64url, like the commitments.
 */
export interface Disclosures {
  readonly args?: { readonly salt: string; readonly value: string };
  readonly reads?: ReadonlyArray<{
    readonly index: number;
    readonly salt: string;
    readonly key: string;
    readonly version: number | null;
  }>;
  readonly ranges?: ReadonlyArray<RangeRead & { readonly index: number; readonly salt: string }>;
  readonly writes?: ReadonlyArray<{
    readonly index: number;
    readonly salt: string;
    readonly key: string;
    /** `null`: the write deleted the key. */
    readonly value: EncodedBytes | null;
  }>;
  readonly result?: { readonly salt: string; readonly value: EncodedBytes };
  readonly event?: { readonly salt: string; readonly name: string; readonly payload: EncodedBytes };
}

/**
 * Proof that elements of a transaction's argument (a ticket's lines) are in a version 3 leaf of
 * the log the head signs, showing nothing else of the transaction: the leaf holds its other
 * parts folded into one digest, and lists the elements' digests among decoys, sorted.
 */
export interface ElementProofBundle {
  readonly format: 'eter-element-proof/v1';
  readonly leafIndex: number;
  /** The leaf bytes as text (a version 3 leaf, JSON). */
  readonly leaf: string;
  /** SD-JWT array-element disclosures (RFC 9901): base64url of `["<salt>", element]`. */
  readonly disclosures: readonly string[];
  readonly proof: readonly string[];
  readonly head: SignedHead;
}

/** An inclusion proof of either version. */
export type AnyInclusionProofBundle = InclusionProofBundle | InclusionProofBundleV2;

/** Proof that the log at a later head extends the log at an earlier one. */
export interface ConsistencyProofBundle {
  readonly format: 'eter-consistency-proof/v1';
  readonly from: SignedHead;
  readonly to: SignedHead;
  readonly proof: readonly string[];
}
