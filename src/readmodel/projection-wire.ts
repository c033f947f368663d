import type { PackedBlock } from './packed-block';
import type { ProjectedBlock } from './projection';

/** Messages to the projection thread. */
export type ProjectionRequest =
  { readonly type: 'block'; readonly block: PackedBlock } | { readonly type: 'close' };

/**
 * Its answers: the blocks of one committed read-model transaction, in order,
 * or why that transaction failed (every block sent after it is dropped too).
 */
export type ProjectionReply =
  | { readonly type: 'projected'; readonly projected: readonly ProjectedBlock[] }
  | { readonly type: 'failed'; readonly error: string };

/** What the projection thread opens. */
export interface ProjectionWorkerData {
  /** The read model's database file. */
  readonly file: string;
  /** Most blocks in one read-model transaction. */
  readonly maxBlocksPerCommit: number;
  /** Page cache of the thread's connection, MiB. */
  readonly cacheMiB: number;
}
