/**
 * Hashes of subtrees that are not stored: the root, and the incomplete subtrees on the right edge
 * of a tree, computed from O(log n) stored complete nodes.
 */
import { emptyRoot, hashChildren } from './hasher';
import type { NodeReader } from './node-store';
import { toSafeUint } from './validate';

/**
 * The root (RFC 6962 MTH) of the first `size` leaves of the log held by `reader`. Reads one stored
 * node per set bit of `size` and hashes them together; reads no node beyond leaf `size - 1`.
 *
 * @param size - number of leaves; the reader must hold the complete nodes of a tree of that size.
 * @param reader - the node store.
 * @returns a new 32-byte buffer; a copy of `EMPTY_ROOT` when `size` is 0.
 * @throws `ProofError` `bad-integer` if `size` is not a safe non-negative integer; whatever the
 *   reader throws for a missing node.
 */
export function rootOf(size: number | bigint, reader: NodeReader): Buffer {
  const n = toSafeUint(size, 'size');
  return n === 0 ? Buffer.from(emptyRoot) : rangeHash(0, n, reader);
}

/**
 * MTH of leaves [begin, end), where `begin` is a multiple of a power of two larger than or equal to
 * `end - begin` (true of every subtree of the tree, complete or not).
 *
 * Such a range splits, from the left, into complete subtrees of decreasing size, one per set bit of
 * its length; MTH splits at the largest power of two below the length (RFC 6962 §2.1), so folding
 * those subtrees from the right yields it.
 */
export function rangeHash(begin: number, end: number, reader: NodeReader): Buffer {
  const pieces: Buffer[] = [];
  let width = 1;
  let level = 0;
  while (width * 2 <= end - begin) {
    width *= 2;
    level++;
  }
  for (let at = begin; at < end; width /= 2, level--) {
    if (at + width <= end) {
      pieces.push(reader.node(level, at / width));
      at += width;
    }
  }
  let hash = pieces[pieces.length - 1];
  for (let p = pieces.length - 2; p >= 0; p--) hash = hashChildren(pieces[p], hash);
  return hash;
}

/**
 * Hash of node (level, index) of a tree of `size` leaves: the stored node when it is complete, else
 * its leaves that exist, [index * 2^level, size), hashed from complete nodes.
 */
export function nodeHash(level: number, index: number, size: number, reader: NodeReader): Buffer {
  const width = 2 ** level;
  const begin = index * width;
  if (begin + width <= size) return reader.node(level, index);
  return rangeHash(begin, size, reader);
}
