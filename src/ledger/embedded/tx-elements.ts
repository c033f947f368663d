import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Contract } from 'fabric-contract-api';
import {
  DECOY_PREFIX,
  encodeLeafV3,
  leafElementDigests,
  PARTS_PREFIX,
  SALT_SIZE,
  type ElementSource,
  type TxRecordV2,
} from '../verifier';

/*
 * The node's side of element disclosures (the format is the verifier's `elements.ts`): which
 * transactions have elements, their canonical JSON, the digests a version 3 leaf lists and the
 * leaf's bytes. Hashing uses node:crypto because the log writer and `eter verify` do this for
 * every ticket; the tests hold it to the verifier's portable functions byte for byte.
 */

/** A contract function whose argument holds an array committed element by element. */
export interface ElementRule extends ElementSource {
  readonly contract: string;
  readonly fn: string;
}

/**
 * The element rules of hosted contracts: a contract declares them as its `disclosableElements`
 * property, `{ [fn]: { arg, property } }` (the ledger hosts any contract; it learns which
 * arguments hold arrays worth proving element by element from the contract itself).
 */
export function elementRulesOf(contracts: readonly Contract[]): ElementRule[] {
  return contracts.flatMap((contract) => {
    const declared = (contract as { disclosableElements?: unknown }).disclosableElements;
    if (declared === undefined) return [];
    return Object.entries(declared as Record<string, ElementSource>).map(([fn, source]) => {
      if (!Number.isSafeInteger(source.arg) || typeof source.property !== 'string') {
        throw new Error(`contract ${contract.getName()} declares ${fn}'s elements badly`);
      }
      return { contract: contract.getName(), fn, arg: source.arg, property: source.property };
    });
  });
}

/** The rule's source for a call, or `null` when the function has no elements. */
export function elementSourceOf(
  rules: readonly ElementRule[],
  contract: string,
  fn: string,
): ElementSource | null {
  const rule = rules.find((r) => r.contract === contract && r.fn === fn);
  return rule === undefined ? null : { arg: rule.arg, property: rule.property };
}

/**
 * The canonical JSON (RFC 8785) of each element `source` names in `args` (the arguments, or their
 * JSON array text), or `undefined` when the arguments do not hold such an array: a transaction the
 * contract refused may carry anything.
 */
export function readElements(
  source: ElementSource,
  args: string | readonly string[],
): string[] | undefined {
  try {
    const list: unknown = typeof args === 'string' ? JSON.parse(args) : args;
    if (!Array.isArray(list) || typeof list[source.arg] !== 'string') return undefined;
    const holder: unknown = JSON.parse(list[source.arg] as string);
    if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return undefined;
    const elements: unknown = (holder as Record<string, unknown>)[source.property];
    if (!Array.isArray(elements)) return undefined;
    return elements.map(canonicalJson);
  } catch {
    return undefined;
  }
}

/** A string JSON.stringify writes as itself between quotes: no quote, backslash, control or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function quoted(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * RFC 8785 canonical JSON. A ticket line is a flat object of strings and numbers, which JCS
 * writes as `JSON.stringify` writes each key and value, keys sorted by UTF-16 code units: that
 * case is written here directly, with plain strings quoted without a call (this runs for every
 * line on the log writer's and `eter verify`'s path, at about half the general canonicalizer's
 * cost); anything else goes to `canonicalize`. Tested against it.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort();
    let text = '{';
    let i = 0;
    for (; i < keys.length; i++) {
      const v = object[keys[i]!];
      let written: string;
      if (typeof v === 'string') written = quoted(v);
      else if (typeof v === 'number' && Number.isFinite(v)) written = String(v);
      else if (typeof v === 'boolean' || v === null) written = String(v);
      else break;
      text += `${i === 0 ? '' : ','}${quoted(keys[i]!)}:${written}`;
    }
    if (i === keys.length) return `${text}}`;
  }
  const text = canonicalize(value);
  if (text === undefined) throw new Error('not JSON');
  return text;
}

/** What a version 3 opening keeps for elements: a salt each and the decoys' seed. */
export interface ElementOpening {
  /** `count` salts of {@link SALT_SIZE} bytes. */
  readonly salts: Uint8Array;
  readonly seed: Uint8Array;
}

/** The disclosure of element `index` (verifier `elementDisclosure`, base64url with Buffer). */
export function disclosureOf(opening: ElementOpening, index: number, elementJson: string): string {
  const salt = Buffer.from(
    opening.salts.buffer,
    opening.salts.byteOffset + index * SALT_SIZE,
    SALT_SIZE,
  ).toString('base64url');
  return Buffer.from(`["${salt}",${elementJson}]`, 'utf8').toString('base64url');
}

function digestOf(disclosure: string): string {
  return hash('sha256', disclosure, 'base64url');
}

const decoyInput = Buffer.alloc(1 + SALT_SIZE + 4);

function decoyOf(seed: Uint8Array, index: number): string {
  decoyInput[0] = DECOY_PREFIX;
  decoyInput.set(seed, 1);
  decoyInput.writeUInt32BE(index, 1 + SALT_SIZE);
  return hash('sha256', decoyInput, 'base64url');
}

/** The digests a leaf lists for these elements: theirs and the decoys', sorted. */
export function leafDigests(opening: ElementOpening, elements: readonly string[]): string[] {
  const digests = elements.map((json, i) => digestOf(disclosureOf(opening, i, json)));
  return leafElementDigests(digests, opening.seed, decoyOf);
}

/** The `parts` digest of a version 3 record's bytes (verifier `partsDigest`). */
export function foldParts(recordBytes: Buffer): string {
  const input = Buffer.allocUnsafe(1 + recordBytes.length);
  input[0] = PARTS_PREFIX;
  recordBytes.copy(input, 1);
  return hash('sha256', input, 'base64url');
}

/** A version 3 record's leaf bytes, from the record, its bytes and its element digests. */
export function leafV3(
  record: TxRecordV2,
  recordBytes: Buffer,
  elements: readonly string[] | null,
): Buffer {
  return Buffer.from(encodeLeafV3(record, foldParts(recordBytes), elements), 'utf8');
}
