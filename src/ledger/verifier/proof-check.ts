/**
 * The checks of `eter-inclusion-proof/v1` and `eter-consistency-proof/v1` documents: the signed
 * head first, then everything else against what the node signed (its log size and root).
 */
import { decodeBlockHeader, type BlockHeader } from './block-header';
import { fromBase64, fromHex, utf8 } from './bytes';
import { verifyConsistency } from './consistency';
import { verifyInclusion } from './inclusion';
import type { ConsistencyProofBundle, InclusionProofBundle, SignedHead } from './proof-bundle';
import { parsePublicKey, type PublicKeyInput } from './public-key';
import { hashLeaf } from './sha256';
import { verifySignature } from './signature';
import { decodeBytes, decodeTxRecord, payloadMismatch, type TxRecord } from './tx-record';

/** Why an offline proof check failed. */
export type ProofCheckCode =
  | 'malformed'
  | 'signature'
  | 'record-mismatch'
  | 'payload-mismatch'
  | 'not-included'
  | 'not-consistent';

/** A proof bundle that does not hold, with the stage that failed. */
export class ProofCheckError extends Error {
  constructor(
    readonly code: ProofCheckCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ProofCheckError';
  }
}

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
 * Checks an inclusion proof offline: the head's signature, then the record's
 * identity and payload, then the audit path against the signed log root and size.
 * @returns the proven transaction record and the head it is proven against.
 * @throws {ProofCheckError}
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 * @example
 * ```ts
 * const { record, head } = checkInclusionProof(await (await fetch(url)).json(), pem);
 * ```
 */
export function checkInclusionProof(
  bundle: InclusionProofBundle,
  publicKey: PublicKeyInput,
): { record: TxRecord; head: BlockHeader } {
  if (bundle?.format !== 'eter-inclusion-proof/v1' || !Array.isArray(bundle.proof)) {
    throw new ProofCheckError('malformed', 'not an eter-inclusion-proof/v1 document');
  }
  const head = checkSignedHead(bundle.head, publicKey);
  const leafBytes = utf8(String(bundle.record));
  let record: TxRecord;
  try {
    record = decodeTxRecord(leafBytes);
  } catch (error) {
    throw new ProofCheckError('malformed', 'the record is not a transaction record', {
      cause: error,
    });
  }
  if (record.txId !== bundle.txId || record.seq !== bundle.leafIndex) {
    throw new ProofCheckError(
      'record-mismatch',
      `the record is transaction ${record.txId} at ${record.seq}, not ${bundle.txId} at ${bundle.leafIndex}`,
    );
  }
  let mismatch;
  try {
    mismatch = payloadMismatch(record, {
      args: String(bundle.args),
      result: bundle.result === null ? null : decodeBytes(bundle.result),
      eventPayload: bundle.eventPayload === null ? null : decodeBytes(bundle.eventPayload),
    });
  } catch (error) {
    throw new ProofCheckError('malformed', 'the payload is not readable', { cause: error });
  }
  if (mismatch !== undefined) {
    throw new ProofCheckError('payload-mismatch', `the ${mismatch} do not match the record's hash`);
  }
  const proof = bundle.proof.map(hexHash);
  const root = hexHash(head.logRoot);
  try {
    verifyInclusion(bundle.leafIndex, head.logSize, hashLeaf(leafBytes), proof, root);
  } catch (error) {
    throw new ProofCheckError('not-included', `inclusion proof does not hold: ${String(error)}`, {
      cause: error,
    });
  }
  return { record, head };
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

function hexHash(text: unknown): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) {
    throw new ProofCheckError('malformed', `not lowercase hex: ${String(text).slice(0, 80)}`);
  }
  return bytes;
}
