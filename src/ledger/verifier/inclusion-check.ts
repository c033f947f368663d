/**
 * The check of `eter-inclusion-proof/v1` and `/v2` documents: the signed head, the record's
 * identity, the parts it shows (a v1 payload against its hashes, v2 disclosures against their
 * salted commitments), then the audit path.
 */
import type { BlockHeader } from './block-header';
import { fromBase64Url, utf8 } from './bytes';
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
import { checkSignedHead, hexHash } from './head-check';
import { verifyInclusion } from './inclusion';
import type {
  AnyInclusionProofBundle,
  Disclosures,
  InclusionProofBundle,
  InclusionProofBundleV2,
} from './proof-bundle';
import { ProofCheckError } from './proof-check-error';
import type { PublicKeyInput } from './public-key';
import { hashLeaf } from './sha256';
import {
  decodeBytes,
  decodeLeafRecord,
  decodeTxRecord,
  leafOf,
  payloadMismatch,
  type LeafRecord,
  type TxRecord,
  type TxRecordV2,
} from './tx-record';

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
export function checkIncluded(
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
