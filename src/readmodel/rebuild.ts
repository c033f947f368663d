import type { LedgerGateway } from '../ledger/gateway';
import type { ReadModel } from './read-model';

/** Progress of a rebuild, after each block. */
export interface RebuildProgress {
  readonly block: number;
  readonly height: number;
}

/**
 * Projects the blocks the read model lacks, from the one after its
 * checkpoint up to block `height - 1`, then stops (it does not wait for new
 * blocks, unlike the {@link Projector}).
 */
export async function projectUpTo(
  gateway: LedgerGateway,
  readModel: ReadModel,
  height: number,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<void> {
  const start = readModel.checkpoint() + 1;
  if (start >= height) return;
  const abort = new AbortController();
  try {
    for await (const block of gateway.blocks({ startBlock: start, signal: abort.signal })) {
      readModel.apply(block);
      onProgress?.({ block: block.number, height });
      if (block.number >= height - 1) break;
    }
  } finally {
    abort.abort();
  }
}

/**
 * Empties the read model and projects the ledger's blocks again, from block 0
 * to the height the ledger had when the rebuild started.
 */
export async function rebuildReadModel(
  gateway: LedgerGateway,
  readModel: ReadModel,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<{ blocks: number }> {
  const height = await gateway.height();
  readModel.reset();
  await projectUpTo(gateway, readModel, height, onProgress);
  return { blocks: height };
}
