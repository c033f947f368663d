import type { LedgerStore } from './store';
import { digestOf } from './verify-block';

/** A stored world-state entry as the state check compares it with the replay. */
export interface StateDigest {
  readonly key: string;
  readonly version: number;
  /** SHA-256 of the value (see {@link digestOf}). */
  readonly digest: Uint8Array;
}

/** State rows per chunk, by row id: chunks are read and hashed independently. */
export const STATE_CHUNK_ROWIDS = 4096;

/** How many chunks cover the state table. */
export function stateChunkCount(store: LedgerStore): number {
  return Math.ceil(store.stateMaxRowid() / STATE_CHUNK_ROWIDS);
}

/** The rows of chunk `index`, in row id order, each value reduced to its digest. */
export function readStateChunk(store: LedgerStore, index: number): StateDigest[] {
  const after = index * STATE_CHUNK_ROWIDS;
  return store.stateInRowids(after, after + STATE_CHUNK_ROWIDS).map((row) => ({
    key: row.key,
    version: row.version,
    digest: digestOf(row.value),
  }));
}
