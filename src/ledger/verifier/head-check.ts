/**
 * The check every Eter proof document starts with, its signed head, and the check of
 * `eter-consistency-proof/v1` documents. Every proof is checked head first, then everything else
 * against what the node signed (its log size and root): inclusion proofs in inclusion-check.ts,
 * element proofs in element-check.ts.
 */
import { decodeBlockHeader, type BlockHeader } from './block-header';
import { fromBase64, fromHex, utf8 } from './bytes';
import { verifyConsistency } from './consistency';
import { ProofCheckError } from './proof-check-error';
import type { ConsistencyProofBundle, SignedHead } from './proof-bundle';
import { parsePublicKey, type PublicKeyInput } from './public-key';
import { verifySignature } from './signature';

/**
 * Checks a signed head: the signature first, then returns the header, so
 * that everything else is checked against what the node signed.
 * @param publicKey - the node's key, in any form {@link parsePublicKey} reads.
 * @throws {ProofCheckError} `malformed` or `signature`.
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 */
export function checkSignedHead(head: SignedHead, publicKey: PublicKeyInput): BlockHeader {
  const key = parsePublicKey(publicKey);
  if (typeof head?.header !== 'string' || typeof head.signature !== 'string') {
    throw new ProofCheckError('malformed', 'a signed head needs header and signature strings');
  }
  const signature = fromBase64(head.signature);
  if (signature === undefined) {
    throw new ProofCheckError('malformed', 'the head signature is not base64');
  }
  const bytes = utf8(head.header);
  if (!verifySignature(key, bytes, signature)) {
    throw new ProofCheckError(
      'signature',
      'the head signature does not verify with this public key',
    );
  }
  try {
    return decodeBlockHeader(bytes);
  } catch (error) {
    throw new ProofCheckError('malformed', 'the signed header is not a block header', {
      cause: error,
    });
  }
}

/**
 * Checks that the log at `bundle.to` extends the log at `bundle.from`.
 * @returns the two signed headers.
 * @throws {ProofCheckError}
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 */
export function checkConsistencyProof(
  bundle: ConsistencyProofBundle,
  publicKey: PublicKeyInput,
): { from: BlockHeader; to: BlockHeader } {
  if (bundle?.format !== 'eter-consistency-proof/v1' || !Array.isArray(bundle.proof)) {
    throw new ProofCheckError('malformed', 'not an eter-consistency-proof/v1 document');
  }
  const key = parsePublicKey(publicKey);
  const from = checkSignedHead(bundle.from, key);
  const to = checkSignedHead(bundle.to, key);
  const proof = bundle.proof.map(hexHash);
  const [root1, root2] = [hexHash(from.logRoot), hexHash(to.logRoot)];
  try {
    verifyConsistency(from.logSize, to.logSize, proof, root1, root2);
  } catch (error) {
    throw new ProofCheckError(
      'not-consistent',
      `consistency proof does not hold: ${String(error)}`,
      { cause: error },
    );
  }
  return { from, to };
}

export function hexHash(text: unknown): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) {
    throw new ProofCheckError('malformed', `not lowercase hex: ${String(text).slice(0, 80)}`);
  }
  return bytes;
}
