/**
 * SHA-256 and the RFC 6962 §2.1 hashes built on it. Leaves and interior nodes carry distinct
 * one-byte prefixes, so that a leaf can never be passed off as an interior node.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { toHex } from './bytes';

/** Size in bytes of every hash in the log. */
export const HASH_SIZE = 32;

/** SHA-256 of `data`, a new 32-byte array. */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** SHA-256 of `data` as lowercase hex. */
export function sha256Hex(data: Uint8Array): string {
  return toHex(nobleSha256(data));
}

/** MTH({}) = SHA-256() (RFC 6962 §2.1): the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return nobleSha256(new Uint8Array(0));
}

/** Leaf hash, RFC 6962 §2.1: SHA-256(0x00 || data). */
export function hashLeaf(data: Uint8Array): Uint8Array {
  return nobleSha256.create().update(Uint8Array.of(0x00)).update(data).digest();
}

/** Interior node hash, RFC 6962 §2.1: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return nobleSha256.create().update(Uint8Array.of(0x01)).update(left).update(right).digest();
}
