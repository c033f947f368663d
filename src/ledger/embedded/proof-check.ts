/**
 * Proof checks for Node callers holding the node's key as a `KeyObject`: a thin adapter over the
 * one verifier (../verifier), which has no Node APIs and is what the browser runs too.
 */
import { KeyObject } from 'node:crypto';
import * as verifier from '../verifier';
import type {
  AnyInclusionProofBundle,
  BlockHeader,
  CheckedInclusion,
  ConsistencyProofBundle,
  PublicKeyInput,
  SignedHead,
} from '../verifier';
import type { LeafRecord } from './tx-record';

export { ProofCheckError, type ProofCheckCode } from '../verifier';

/** The node's public key: a Node `KeyObject`, or any form the verifier reads (PEM, SPKI, raw). */
export type NodePublicKey = KeyObject | PublicKeyInput;

/**
 * The verifier's {@link verifier.checkSignedHead}.
 * @throws {verifier.ProofCheckError} `malformed` or `signature`.
 */
export function checkSignedHead(head: SignedHead, publicKey: NodePublicKey): BlockHeader {
  return verifier.checkSignedHead(head, keyInput(publicKey));
}

/**
 * The verifier's {@link verifier.checkInclusionProof}, the record typed as the node writes it.
 * @throws {verifier.ProofCheckError}
 */
export function checkInclusionProof(
  bundle: AnyInclusionProofBundle,
  publicKey: NodePublicKey,
): CheckedInclusion & { record: LeafRecord } {
  const checked = verifier.checkInclusionProof(bundle, keyInput(publicKey));
  // The record is what the node signed into its log, so it has the node's types.
  return { ...checked, record: checked.record as LeafRecord };
}

/**
 * The verifier's {@link verifier.checkConsistencyProof}.
 * @throws {verifier.ProofCheckError}
 */
export function checkConsistencyProof(
  bundle: ConsistencyProofBundle,
  publicKey: NodePublicKey,
): { from: BlockHeader; to: BlockHeader } {
  return verifier.checkConsistencyProof(bundle, keyInput(publicKey));
}

function keyInput(key: NodePublicKey): PublicKeyInput {
  if (!(key instanceof KeyObject)) return key;
  return verifier.parsePublicKey(new Uint8Array(key.export({ type: 'spki', format: 'der' })));
}
