/**
 * The checks of `eter-inclusion-proof/v1` and `/v2` and `eter-consistency-proof/v1` documents: the signed
 * head first, then everything else against what the node signed (its log size and root).
 */
import { decodeBlockHeader, type BlockHeader } from './block-header';
import { fromBase64, fromBase64Url, fromHex, utf8 } from './bytes';
import {
  argsBody,
  commitment,
  eventBody,
  rangeBody,
  readBody,
  resultBody,
  SALT_SIZE,
  writeBody,
  type PartKind,
} from './commitment';
import { verifyConsistency } from './consistency';
import { disclosureDigest, readDisclosure } from './elements';
import { verifyInclusion } from './inclusion';
import type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  Disclosures,
  ElementProofBundle,
  InclusionProofBundle,
  InclusionProofBundleV2,
  SignedHead,
} from './proof-bundle';
import { parsePublicKey, type PublicKeyInput } from './public-key';
import { hashLeaf } from './sha256';
import { verifySignature } from './signature';
import {
  decodeBytes,
  decodeLeafRecord,
  decodeLeafV3,
  decodeTxRecord,
  leafOf,
  payloadMismatch,
  type LeafRecord,
  type TxLeafV3,
  type TxRecord,
  type TxRecordV2,
} from './tx-record';

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

/** What an inclusion proof proved. */
export interface CheckedInclusion {
  /** The proven record: version 1 holds every part; version 2 only commitments. */
  readonly record: LeafRecord;
  /** The head it is proven against. */
  readonly head: BlockHeader;
  /**
   * The record's parts by name (`args`, `reads/0`, `ranges/0`, `writes/1`, `result`, `event`):
   * those the proof shows, each checked against its commitment (all of a version 1 record's),
   * and those it withholds, known only by their commitments.
   */
  readonly parts: { readonly disclosed: readonly string[]; readonly withheld: readonly string[] };
}

/**
 * Checks an inclusion proof offline: the head's signature, then the record's identity and the
 * parts shown (a v1 record's payload against its hashes, a v2 record's disclosures against their
 * salted commitments), then the audit path against the signed log root and size.
 * @returns the proven transaction record, the head it is proven against, and what it shows.
 * @throws {ProofCheckError}
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 * @example
 * ```ts
 * const { record, head, parts } = checkInclusionProof(await (await fetch(url)).json(), pem);
 * ```
 */
export function checkInclusionProof(
  bundle: AnyInclusionProofBundle,
  publicKey: PublicKeyInput,
): CheckedInclusion {
  const format = bundle?.format;
  if (
    (format !== 'eter-inclusion-proof/v1' && format !== 'eter-inclusion-proof/v2') ||
    !Array.isArray(bundle.proof)
  ) {
    throw new ProofCheckError('malformed', 'not an eter-inclusion-proof/v1 or /v2 document');
  }
  const head = checkSignedHead(bundle.head, publicKey);
  const leafBytes = utf8(String(bundle.record));
  let record: LeafRecord;
  try {
    record =
      format === 'eter-inclusion-proof/v1'
        ? decodeTxRecord(leafBytes)
        : decodeLeafRecord(leafBytes);
  } catch (error) {
    throw new ProofCheckError('malformed', 'the record is not a transaction record', {
      cause: error,
    });
  }
  if (format === 'eter-inclusion-proof/v2' && record.v === 1) {
    throw new ProofCheckError(
      'malformed',
      'an eter-inclusion-proof/v2 proves a version 2 or 3 record',
    );
  }
  if (record.txId !== bundle.txId || record.seq !== bundle.leafIndex) {
    throw new ProofCheckError(
      'record-mismatch',
      `the record is transaction ${record.txId} at ${record.seq}, not ${bundle.txId} at ${bundle.leafIndex}`,
    );
  }
  const parts =
    record.v === 1
      ? checkPayload(record, bundle as InclusionProofBundle)
      : checkDisclosures(record, (bundle as InclusionProofBundleV2).disclosed);
  const leaf = leafOf(record, leafBytes, leafElements(record, bundle as InclusionProofBundleV2));
  checkIncluded(bundle.leafIndex, leaf, bundle.proof, head);
  return { record, head, parts };
}

/** A version 3 record's element digests from its proof: there exactly when it has elements. */
function leafElements(record: LeafRecord, bundle: InclusionProofBundleV2): string[] | null {
  if (record.v !== 3 || record.elements === null || record.elements === undefined) {
    if (bundle.elements !== undefined) {
      throw new ProofCheckError('malformed', 'elements given for a record without elements');
    }
    return null;
  }
  const elements: unknown = bundle.elements;
  if (!Array.isArray(elements) || !elements.every((d) => typeof d === 'string')) {
    throw new ProofCheckError('malformed', "a version 3 record's proof needs its element digests");
  }
  return elements as string[];
}

/** The audit path of `leaf` at `leafIndex` against the signed head's log. */
function checkIncluded(
  leafIndex: number,
  leaf: Uint8Array,
  path: readonly string[],
  head: BlockHeader,
): void {
  const proof = path.map(hexHash);
  const root = hexHash(head.logRoot);
  try {
    verifyInclusion(leafIndex, head.logSize, hashLeaf(leaf), proof, root);
  } catch (error) {
    throw new ProofCheckError('not-included', `inclusion proof does not hold: ${String(error)}`, {
      cause: error,
    });
  }
}

/** What an element proof proved. */
export interface CheckedElements {
  /** The leaf: the transaction's identity and verdict; its other parts only as one digest. */
  readonly leaf: TxLeafV3;
  readonly head: BlockHeader;
  /** The disclosed elements, in the proof's order. */
  readonly elements: readonly unknown[];
}

/**
 * Checks an element proof offline: the head's signature, each disclosure's digest among the
 * leaf's, then the audit path against the signed log root and size.
 * @throws {ProofCheckError}
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 */
export function checkElementProof(
  bundle: ElementProofBundle,
  publicKey: PublicKeyInput,
): CheckedElements {
  if (
    bundle?.format !== 'eter-element-proof/v1' ||
    !Array.isArray(bundle.proof) ||
    !Array.isArray(bundle.disclosures) ||
    !Number.isSafeInteger(bundle.leafIndex)
  ) {
    throw new ProofCheckError('malformed', 'not an eter-element-proof/v1 document');
  }
  const head = checkSignedHead(bundle.head, publicKey);
  const leafBytes = utf8(String(bundle.leaf));
  let leaf: TxLeafV3;
  try {
    leaf = decodeLeafV3(leafBytes);
  } catch (error) {
    throw new ProofCheckError('malformed', 'the leaf is not a version 3 leaf', { cause: error });
  }
  if (leaf.seq !== bundle.leafIndex) {
    throw new ProofCheckError(
      'record-mismatch',
      `the leaf is at ${leaf.seq}, not ${bundle.leafIndex}`,
    );
  }
  const listed = new Set(leaf.elements ?? []);
  const seen = new Set<string>();
  const elements = bundle.disclosures.map((disclosure) => {
    const read = readDisclosure(disclosure);
    if (read === undefined || fromBase64Url(read.salt)?.length !== SALT_SIZE) {
      throw new ProofCheckError('malformed', 'a disclosure is not base64url of [salt, element]');
    }
    const digest = disclosureDigest(disclosure as string);
    if (!listed.has(digest) || seen.has(digest)) {
      throw new ProofCheckError(
        'payload-mismatch',
        seen.has(digest)
          ? 'an element is disclosed twice'
          : "a disclosure's digest is not in the leaf",
      );
    }
    seen.add(digest);
    return read.element;
  });
  checkIncluded(bundle.leafIndex, leafBytes, bundle.proof, head);
  return { leaf, head, elements };
}

/** A version 1 proof's payload against the record's hashes: everything is shown. */
function checkPayload(record: TxRecord, bundle: InclusionProofBundle): CheckedInclusion['parts'] {
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
  const disclosed = partNames(
    record.reads.length,
    record.ranges.length,
    record.writes.length,
    record.resultHash !== null,
    record.event !== null,
  );
  return { disclosed, withheld: [] };
}

/** Every part name of a record of this shape, in record order. */
function partNames(
  reads: number,
  ranges: number,
  writes: number,
  result: boolean,
  event: boolean,
): string[] {
  const indexed = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${kind}/${i}`);
  return [
    'args',
    ...indexed('reads', reads),
    ...indexed('ranges', ranges),
    ...indexed('writes', writes),
    ...(result ? ['result'] : []),
    ...(event ? ['event'] : []),
  ];
}

/**
 * Each disclosed part of a version 2 record against its commitment.
 * @throws {ProofCheckError} `malformed` for an unreadable or misplaced disclosure,
 * `payload-mismatch` for one that does not open its commitment.
 */
function checkDisclosures(record: TxRecordV2, disclosed: Disclosures): CheckedInclusion['parts'] {
  if (disclosed === null || typeof disclosed !== 'object') {
    throw new ProofCheckError('malformed', 'a v2 proof needs a disclosed object');
  }
  const shown = new Set<string>();
  const open = (
    part: string,
    kind: PartKind,
    salt: unknown,
    body: () => Uint8Array,
    expected: string | null | undefined,
  ) => {
    if (typeof expected !== 'string') {
      throw new ProofCheckError('malformed', `the record has no ${part} to disclose`);
    }
    if (shown.has(part)) throw new ProofCheckError('malformed', `${part} is disclosed twice`);
    const saltBytes = fromBase64Url(salt);
    if (saltBytes?.length !== SALT_SIZE) {
      throw new ProofCheckError('malformed', `the salt of ${part} is not 16 bytes of base64url`);
    }
    let bytes: Uint8Array;
    try {
      bytes = body();
    } catch (error) {
      throw new ProofCheckError('malformed', `the disclosed ${part} is not readable`, {
        cause: error,
      });
    }
    if (commitment(kind, saltBytes, bytes) !== expected) {
      throw new ProofCheckError(
        'payload-mismatch',
        `the disclosed ${part} does not match its commitment`,
      );
    }
    shown.add(part);
  };
  const list = <T>(value: readonly T[] | undefined, what: string): readonly T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value))
      throw new ProofCheckError('malformed', `disclosed ${what} is not a list`);
    return value;
  };
  const at = <T>(entries: readonly T[], index: unknown): T | undefined =>
    Number.isSafeInteger(index) ? entries[index as number] : undefined;
  const d = disclosed;
  if (d.args !== undefined)
    open('args', 'args', d.args.salt, () => argsBody(text(d.args!.value)), record.args);
  for (const r of list(d.reads, 'reads')) {
    open(
      `reads/${r.index}`,
      'read',
      r.salt,
      () => readBody(text(r.key), version(r.version)),
      at(record.reads, r.index),
    );
  }
  for (const r of list(d.ranges, 'ranges')) {
    open(
      `ranges/${r.index}`,
      'range',
      r.salt,
      () => rangeBody(range(r)),
      at(record.ranges, r.index),
    );
  }
  for (const w of list(d.writes, 'writes')) {
    open(
      `writes/${w.index}`,
      'write',
      w.salt,
      () => writeBody(text(w.key), w.value === null ? null : decodeBytes(w.value)),
      at(record.writes, w.index),
    );
  }
  if (d.result !== undefined) {
    open(
      'result',
      'result',
      d.result.salt,
      () => resultBody(decodeBytes(d.result!.value)),
      record.result,
    );
  }
  if (d.event !== undefined) {
    const event = d.event;
    open(
      'event',
      'event',
      event.salt,
      () => eventBody(text(event.name), decodeBytes(event.payload)),
      record.event,
    );
  }
  const all = partNames(
    record.reads.length,
    record.ranges.length,
    record.writes.length,
    record.result !== null,
    record.event !== null,
  );
  return {
    disclosed: all.filter((part) => shown.has(part)),
    withheld: all.filter((part) => !shown.has(part)),
  };
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new Error('not a string');
  return value;
}

function version(value: unknown): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Error('not a version');
  return value as number;
}

function range(value: { start: unknown; end: unknown; keys: unknown }) {
  if (!Array.isArray(value.keys)) throw new Error('range keys are not a list');
  const keys = value.keys.map((entry: unknown): [string, number] => {
    if (!Array.isArray(entry) || entry.length !== 2) throw new Error('not a [key, version] pair');
    const seen = version(entry[1]);
    if (seen === null) throw new Error('a range returns present keys only');
    return [text(entry[0]), seen];
  });
  return { start: text(value.start), end: text(value.end), keys };
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
