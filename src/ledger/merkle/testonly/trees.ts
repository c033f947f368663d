/** Test-only data: leaves, stores and readers that watch what the code under test reads. */
import { LogAppender } from '../appender';
import { MemoryNodeStore } from '../memory-store';
import type { NodeReader } from '../node-store';
import { refLeafHash, sha256 } from './reference';

/** The 8 leaves of the RFC 6962 test tree used by the shared vectors (as hex). */
export const RFC6962_TEST_LEAVES: readonly Buffer[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

/** Deterministic, distinct leaf hashes 0..count-1 (computed by the reference hasher). */
export function leafHashes(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => refLeafHash(Buffer.from(`leaf ${i}`)));
}

/** A memory store holding every complete node of the log of `hashes`, built by the appender. */
export function storeOf(hashes: readonly Buffer[]): MemoryNodeStore {
  const store = new MemoryNodeStore();
  const appender = new LogAppender();
  for (const hash of hashes) store.put(appender.append(hash));
  return store;
}

/** Counts reads, and fails any read of a node reaching beyond leaf `size - 1`. */
export class WatchedReader implements NodeReader {
  reads = 0;

  constructor(
    private readonly inner: NodeReader,
    private readonly size: number,
  ) {}

  node(level: number, index: number): Buffer {
    this.reads++;
    if ((index + 1) * 2 ** level > this.size) {
      throw new Error(`read node ${level}/${index}, beyond the tree of ${this.size} leaves`);
    }
    return this.inner.node(level, index);
  }
}

/** ceil(log2(n)) for n >= 1. */
export function ceilLog2(n: number): number {
  let bits = 0;
  while (2 ** bits < n) bits++;
  return bits;
}

/** Deterministic pseudo-random integers in [0, bound), so that "random" cases are reproducible. */
export function randomInts(seed: string): (bound: number) => number {
  let counter = 0;
  return (bound) => {
    const digest = sha256(Buffer.from(`${seed}/${counter++}`));
    return Number(digest.readBigUInt64BE(0) % BigInt(bound));
  };
}
