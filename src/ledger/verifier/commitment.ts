/**
 * Salted commitments: how a version 2 transaction record binds each of its parts (the arguments,
 * each read, each range read, each write, the result, the event) without showing it.
 *
 *   commitment = SHA-256(0x02 || salt || kind || body)
 *
 * `salt` is 16 random bytes, one per part; `kind` one byte naming the part's kind, so a read's
 * opening can never pass for a write's; `body` the part's fields, each a u32 big-endian byte
 * length and the bytes. The 0x02 prefix keeps commitments apart from RFC 6962's leaf (0x00) and
 * node (0x01) hashes. A record carries the commitments as unpadded base64url, as SD-JWT writes
 * its digests; a proof discloses a part by its fields and salt, and the checker recomputes this.
 */
import { toBase64Url, utf8 } from './bytes';
import { sha256 } from './sha256';
import type { RangeRead } from './tx-record';

/** Bytes of salt per part: 128 bits, so that guessing a part's value cannot confirm it. */
export const SALT_SIZE = 16;

/** The byte that starts every commitment's input (RFC 6962 uses 0x00 and 0x01). */
export const COMMITMENT_PREFIX = 0x02;

/** The kinds of part a record commits to, and the byte each is hashed with. */
export const PART_KINDS = {
  args: 0x01,
  read: 0x02,
  range: 0x03,
  write: 0x04,
  result: 0x05,
  event: 0x06,
} as const;

/** A kind of part. */
export type PartKind = keyof typeof PART_KINDS;

/** Fields one after the other, each as a u32 big-endian byte length and the bytes. */
export function encodeFields(fields: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, f) => n + 4 + f.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const field of fields) {
    view.setUint32(at, field.length);
    out.set(field, at + 4);
    at += 4 + field.length;
  }
  return out;
}

/** The body of the arguments: their JSON array text. */
export function argsBody(args: string): Uint8Array {
  return encodeFields([utf8(args)]);
}

/** The body of a read: the key and the version seen, in decimal (empty: the key was absent). */
export function readBody(key: string, version: number | null): Uint8Array {
  return encodeFields([utf8(key), utf8(version === null ? '' : String(version))]);
}

/** The body of a range read: start, end, then each key returned and its version. */
export function rangeBody(range: RangeRead): Uint8Array {
  const fields = [utf8(range.start), utf8(range.end)];
  for (const [key, version] of range.keys) fields.push(utf8(key), utf8(String(version)));
  return encodeFields(fields);
}

/** The body of a write: the key and the value; a deletion is the key alone. */
export function writeBody(key: string, value: Uint8Array | null): Uint8Array {
  return encodeFields(value === null ? [utf8(key)] : [utf8(key), value]);
}

/** The body of a result: its bytes. */
export function resultBody(result: Uint8Array): Uint8Array {
  return encodeFields([result]);
}

/** The body of an event: its name and payload. */
export function eventBody(name: string, payload: Uint8Array): Uint8Array {
  return encodeFields([utf8(name), payload]);
}

/** The commitment to a part, as a record carries it (unpadded base64url of the SHA-256). */
export function commitment(kind: PartKind, salt: Uint8Array, body: Uint8Array): string {
  const input = new Uint8Array(2 + salt.length + body.length);
  input[0] = COMMITMENT_PREFIX;
  input.set(salt, 1);
  input[1 + salt.length] = PART_KINDS[kind];
  input.set(body, 2 + salt.length);
  return toBase64Url(sha256(input));
}
