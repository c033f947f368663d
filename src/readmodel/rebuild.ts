import type { LedgerGateway } from '../ledger/gateway';
import type { ReadModel } from './read-model';

/** Progress of a rebuild, after each block. */
export interface RebuildProgress {
  readonly block: number;
  readonly height: number;
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
  if (height === 0) return { blocks: 0 };
  const abort = new AbortController();
  for await (const block of gateway.blocks({ startBlock: 0, signal: abort.signal })) {
    readModel.apply(block);
    onProgress?.({ block: block.number, height });
    if (block.number >= height - 1) {
      abort.abort();
      break;
    }
  }
  return { blocks: height };
}
