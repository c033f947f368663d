import { common } from '@hyperledger/fabric-protos';
import type { X509Certificate } from 'node:crypto';
import { blockHeaderBytes, ordererSignatureFault, sha256 } from './block-verifier';
import {
  FabricProofError,
  type FabricChainDocument,
  type FabricHeaderView,
  type FabricInclusionDocument,
} from './block-proof';
import { envelopeCall, type EnvelopeCall } from './envelope-call';

/** What a checked inclusion document proves. */
export interface CheckedFabricInclusion {
  readonly blockNumber: number;
  /** SHA-256 of the block header: chains into the next block's `previousHash`. */
  readonly headerHash: string;
  /** The transaction as its client signed it: id, chaincode, function and arguments. */
  readonly call: EnvelopeCall;
  /** The block the proof is finally against (the chain's last, or the transaction's own). */
  readonly signedBlock: number;
}

const HEX = /^[0-9a-f]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function hexBytes(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !HEX.test(value) || value.length % 2 !== 0) {
    throw new FabricProofError('malformed', `${field} is not lowercase hex`);
  }
  return Buffer.from(value, 'hex');
}

function base64Bytes(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new FabricProofError('malformed', `${field} is not base64`);
  }
  return Buffer.from(value, 'base64');
}

/** The DER bytes of a header view, as orderers sign it and the next block hashes it. */
function headerBytesOf(view: FabricHeaderView, field: string): Buffer {
  if (typeof view !== 'object' || view === null || !Number.isSafeInteger(view.number)) {
    throw new FabricProofError('malformed', `${field} is not a block header`);
  }
  if (view.number < 0) throw new FabricProofError('malformed', `${field}.number is negative`);
  const header = new common.BlockHeader();
  header.setNumber(view.number);
  header.setPreviousHash(hexBytes(view.previousHash, `${field}.previousHash`));
  header.setDataHash(hexBytes(view.dataHash, `${field}.dataHash`));
  return blockHeaderBytes(header);
}

function checkSignatures(
  signatures: unknown,
  headerBytes: Buffer,
  roots: readonly X509Certificate[],
  blockNumber: number,
): void {
  let fault;
  try {
    fault = ordererSignatureFault(base64Bytes(signatures, 'signatures'), headerBytes, roots);
  } catch (error) {
    if (error instanceof FabricProofError) throw error;
    throw new FabricProofError('malformed', `signatures of block ${blockNumber}: ${String(error)}`);
  }
  if (fault) throw new FabricProofError(fault.fault, `block ${blockNumber}: ${fault.detail}`);
}

/**
 * Checks a chain document: each header's `previousHash` is the SHA-256 of
 * the header before it, and the last header is signed by orderers whose
 * certificates `ordererRoots` issued. Returns the last header's hash.
 * @throws {FabricProofError} naming the part that does not hold.
 */
export function checkFabricChain(
  doc: FabricChainDocument,
  ordererRoots: readonly X509Certificate[],
): { from: number; to: number; headerHash: string } {
  if (doc?.kind !== 'fabric-block' || doc.format !== 'eter-fabric-chain/v1') {
    throw new FabricProofError('malformed', 'not an eter-fabric-chain/v1 document');
  }
  if (!Array.isArray(doc.headers) || doc.headers.length === 0) {
    throw new FabricProofError('malformed', 'a chain needs at least one header');
  }
  let previous: Buffer | undefined;
  let bytes: Buffer = Buffer.alloc(0);
  for (const [i, header] of doc.headers.entries()) {
    bytes = headerBytesOf(header, `headers[${i}]`);
    if (previous !== undefined) {
      if (header.number !== doc.headers[i - 1]!.number + 1) {
        throw new FabricProofError('previous-hash', `headers[${i}] does not follow the one before`);
      }
      if (!previous.equals(hexBytes(header.previousHash, `headers[${i}].previousHash`))) {
        throw new FabricProofError(
          'previous-hash',
          `block ${header.number} does not chain to block ${header.number - 1}`,
        );
      }
    }
    previous = sha256(bytes);
  }
  const last = doc.headers[doc.headers.length - 1]!;
  checkSignatures(doc.signatures, bytes, ordererRoots, last.number);
  return { from: doc.headers[0]!.number, to: last.number, headerHash: previous!.toString('hex') };
}

/**
 * Checks an inclusion document offline: the envelopes hash to the header's
 * data hash, the envelope at `txIndex` is transaction `txId`, the header
 * hashes to `headerHash`, and orderers whose certificates `ordererRoots`
 * issued signed it; with a `chain`, that the chain starts at this header and
 * holds. The validation code is not checked (no one signs it; see the
 * document type).
 * @throws {FabricProofError} naming the part that does not hold.
 */
export function checkFabricInclusion(
  doc: FabricInclusionDocument,
  ordererRoots: readonly X509Certificate[],
): CheckedFabricInclusion {
  if (doc?.kind !== 'fabric-block' || doc.format !== 'eter-fabric-inclusion/v1') {
    throw new FabricProofError('malformed', 'not an eter-fabric-inclusion/v1 document');
  }
  if (!Array.isArray(doc.envelopes) || !Number.isInteger(doc.txIndex)) {
    throw new FabricProofError('malformed', 'envelopes and txIndex are required');
  }
  const envelopes = doc.envelopes.map((e, i) => base64Bytes(e, `envelopes[${i}]`));
  const headerBytes = headerBytesOf(doc.header, 'header');
  const number = doc.header.number;
  if (!sha256(...envelopes).equals(hexBytes(doc.header.dataHash, 'header.dataHash'))) {
    throw new FabricProofError(
      'data-hash',
      `the envelopes do not hash to block ${number}'s data hash`,
    );
  }
  const headerHash = sha256(headerBytes);
  if (!headerHash.equals(hexBytes(doc.headerHash, 'headerHash'))) {
    throw new FabricProofError(
      'header-hash',
      `headerHash is not the hash of block ${number}'s header`,
    );
  }
  const envelope = envelopes[doc.txIndex];
  if (envelope === undefined) {
    throw new FabricProofError('malformed', `txIndex ${doc.txIndex} is outside the block`);
  }
  let call: EnvelopeCall;
  try {
    call = envelopeCall(envelope);
  } catch (error) {
    throw new FabricProofError('malformed', `envelope ${doc.txIndex}: ${(error as Error).message}`);
  }
  if (call.txId !== doc.txId || call.channel !== doc.channel) {
    throw new FabricProofError(
      'tx-id',
      `envelope ${doc.txIndex} is ${call.txId} on ${call.channel}`,
    );
  }
  checkSignatures(doc.signatures, headerBytes, ordererRoots, number);
  let signedBlock = number;
  if (doc.chain !== undefined) {
    const first = doc.chain.headers?.[0];
    if (first === undefined || !headerBytesOf(first, 'chain.headers[0]').equals(headerBytes)) {
      throw new FabricProofError('chain-start', `the chain does not start at block ${number}`);
    }
    signedBlock = checkFabricChain(doc.chain, ordererRoots).to;
  }
  return { blockNumber: number, headerHash: headerHash.toString('hex'), call, signedBlock };
}
