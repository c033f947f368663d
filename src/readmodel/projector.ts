import { EventEmitter, once } from 'node:events';
import type { LedgerGateway } from '../ledger/gateway';
import type { ProjectedBlock } from './projection';
import type { ReadModel } from './read-model';

/** How the projector reports trouble. */
export interface ProjectorOptions {
  /** Called when following the ledger fails; the projector retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
}

/**
 * Follows the ledger's committed blocks from the read model's checkpoint and
 * projects each one. Listeners (`on('block')`) hear of every projected block,
 * which is how live streams learn that there is something new to read.
 */
export class Projector extends EventEmitter<{ block: [ProjectedBlock] }> {
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly gateway: LedgerGateway,
    readonly readModel: ReadModel,
    private readonly options: ProjectorOptions = {},
  ) {
    super();
    // One listener per live stream: many clients are normal, not a leak.
    this.setMaxListeners(0);
  }

  /** Number of the last block projected; -1 before the first. */
  get checkpoint(): number {
    return this.readModel.checkpoint();
  }

  /** Starts following the ledger (replaying what the read model lacks first). */
  start(): void {
    if (this.running !== undefined) return;
    const abort = new AbortController();
    this.abort = abort;
    this.running = this.follow(abort.signal);
  }

  /** Stops following; resolves once the current block is done. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = undefined;
  }

  /** Blocks the ledger has that the read model does not have yet. */
  async lag(): Promise<number> {
    return Math.max(0, (await this.gateway.height()) - 1 - this.checkpoint);
  }

  /**
   * Resolves once block `blockNumber` is projected.
   * @throws if `signal` aborts first.
   */
  async waitFor(blockNumber: number, signal?: AbortSignal): Promise<void> {
    while (this.checkpoint < blockNumber) {
      await once(this, 'block', signal === undefined ? {} : { signal });
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const blocks = this.gateway.blocks({ startBlock: this.checkpoint + 1, signal });
        for await (const block of blocks) {
          if (signal.aborted) return;
          if (block.number <= this.checkpoint) continue;
          this.emit('block', this.readModel.apply(block));
        }
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.options.onError?.(error);
        await sleep(this.options.retryMs ?? 1000, signal);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
