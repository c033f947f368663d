import type { KeyObject } from 'node:crypto';
import { hashLeaf, verifyConsistency, verifyInclusion } from '../merkle';
import { decodeBlockHeader, type BlockHeader } from './block-header';
import { verifySignature } from './node-key';
import type { ConsistencyProofBundle, InclusionProofBundle, SignedHead } from './proof-bundle';
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
 * @throws {ProofCheckError} `malformed` or `signature`.
 */
export function checkSignedHead(head: SignedHead, publicKey: KeyObject): BlockHeader {
  if (typeof head?.header !== 'string' || typeof head.signature !== 'string') {
    throw new ProofCheckError('malformed', 'a signed head needs header and signature strings');
  }
  const bytes = Buffer.from(head.header, 'utf8');
  if (!verifySignature(publicKey, bytes, Buffer.from(head.signature, 'base64'))) {
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
 * identity, then the audit path against the signed log root and size.
 * @returns the proven transaction record and the head it is proven against.
 * @throws {ProofCheckError}
 */
export function checkInclusionProof(
  bundle: InclusionProofBundle,
  publicKey: KeyObject,
): { record: TxRecord; head: BlockHeader } {
  if (bundle?.format !== 'eter-inclusion-proof/v1' || !Array.isArray(bundle.proof)) {
    throw new ProofCheckError('malformed', 'not an eter-inclusion-proof/v1 document');
  }
  const head = checkSignedHead(bundle.head, publicKey);
  const leafBytes = Buffer.from(String(bundle.record), 'utf8');
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
  const proof = bundle.proof.map(fromHex);
  const root = fromHex(head.logRoot);
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
 * @throws {ProofCheckError}
 */
export function checkConsistencyProof(
  bundle: ConsistencyProofBundle,
  publicKey: KeyObject,
): { from: BlockHeader; to: BlockHeader } {
  if (bundle?.format !== 'eter-consistency-proof/v1' || !Array.isArray(bundle.proof)) {
    throw new ProofCheckError('malformed', 'not an eter-consistency-proof/v1 document');
  }
  const from = checkSignedHead(bundle.from, publicKey);
  const to = checkSignedHead(bundle.to, publicKey);
  const proof = bundle.proof.map(fromHex);
  const [root1, root2] = [fromHex(from.logRoot), fromHex(to.logRoot)];
  try {
    verifyConsistency(from.logSize, to.logSize, proof, root1, root2);
  } catch (error) {
    throw new ProofCheckError(
      'not-consistent',
      `consistency proof does not hold: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return { from, to };
}

function fromHex(text: unknown): Buffer {
  if (typeof text !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(text)) {
    throw new ProofCheckError('malformed', `not lowercase hex: ${String(text).slice(0, 80)}`);
  }
  return Buffer.from(text, 'hex');
}
