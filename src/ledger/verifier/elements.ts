/**
 * Element disclosures: how a version 3 record lets one element of an argument's array (a
 * ticket's line) be proven to a reader who may see nothing else of the transaction.
 *
 * A contract names, per function, one array inside one of its arguments (for tickets, `lines`
 * in the ticket). Each element is committed the way SD-JWT (RFC 9901, section 4.2.2) commits an
 * array element: a disclosure is the base64url (unpadded) of the UTF-8 JSON array
 * `[salt, element]`, where `salt` is 16 random bytes as base64url and `element` the element's
 * RFC 8785 canonical JSON; its digest is the base64url SHA-256 of the disclosure's ASCII. The leaf
 * lists the digests of every element and of decoys, sorted, in as many slots as
 * {@link elementSlots} gives: so the leaf shows neither how many elements there are (beyond their
 * power-of-two bucket) nor where a disclosed one stood. A decoy is the SHA-256 of 0x04, a secret
 * 16-byte seed and its index (u32 big-endian): indistinguishable from a real digest without
 * the seed, and recomputable by the node, which stores the salts and the seed, not the list.
 *
 * The leaf itself (version 3) carries the record folded into one digest
 * ({@link partsDigest}), so an element's reader does not learn how many reads or writes the
 * transaction made either. The anchor is the node's signed head, not a JWS: the proof is the
 * leaf, the disclosures, the audit path and the head.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes';
import { sha256 } from './sha256';

/** The fewest digest slots a leaf with elements has: smaller counts are padded to it. */
export const MIN_ELEMENT_SLOTS = 8;

/** The byte that starts a decoy digest's input. */
export const DECOY_PREFIX = 0x04;

/** The byte that starts the input of the digest that folds a version 3 record's parts. */
export const PARTS_PREFIX = 0x03;

/** Where a transaction's elements are: `args[arg]`, parsed as JSON, at its `property`. */
export interface ElementSource {
  readonly arg: number;
  readonly property: string;
}

/** How many digests a leaf with `count` elements lists: a power of two, at least 8. */
export function elementSlots(count: number): number {
  let slots = MIN_ELEMENT_SLOTS;
  while (slots < count) slots *= 2;
  return slots;
}

/**
 * The disclosure of an element: base64url of `["<salt>",<element>]`.
 * @param elementJson - the element's canonical JSON text (RFC 8785).
 */
export function elementDisclosure(salt: Uint8Array, elementJson: string): string {
  return toBase64Url(utf8(`["${toBase64Url(salt)}",${elementJson}]`));
}

/** The digest of a disclosure, as the leaf lists it. */
export function disclosureDigest(disclosure: string): string {
  return toBase64Url(sha256(utf8(disclosure)));
}

/** Decoy digest `index` of a leaf whose decoys come from `seed`. */
export function decoyDigest(seed: Uint8Array, index: number): string {
  const input = new Uint8Array(1 + seed.length + 4);
  input[0] = DECOY_PREFIX;
  input.set(seed, 1);
  new DataView(input.buffer).setUint32(1 + seed.length, index);
  return toBase64Url(sha256(input));
}

/** The digests a leaf lists: the elements' and the decoys' that fill the slots, sorted. */
export function leafElementDigests(
  elementDigests: readonly string[],
  seed: Uint8Array,
  decoy: (seed: Uint8Array, index: number) => string = decoyDigest,
): string[] {
  const all = [...elementDigests];
  const slots = elementSlots(elementDigests.length);
  for (let i = 0; all.length < slots; i++) all.push(decoy(seed, i));
  return all.sort();
}

/** A disclosure's salt and element, or `undefined` when it is not one. */
export function readDisclosure(
  disclosure: unknown,
): { readonly salt: string; readonly element: unknown } | undefined {
  const bytes = fromBase64Url(disclosure);
  if (bytes === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string') {
    return undefined;
  }
  return { salt: parsed[0], element: parsed[1] };
}

/**
 * What a version 3 leaf holds in `parts`: the base64url SHA-256 of 0x03 and the record's exact
 * bytes, so the leaf commits to every commitment of the record without listing them (hashing the
 * bytes as stored, rather than re-encoding the lists, is also what keeps `eter verify` cheap).
 */
export function partsDigest(recordBytes: Uint8Array): string {
  const input = new Uint8Array(1 + recordBytes.length);
  input[0] = PARTS_PREFIX;
  input.set(recordBytes, 1);
  return toBase64Url(sha256(input));
}
