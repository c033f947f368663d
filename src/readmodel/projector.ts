import { EventEmitter, once } from 'node:events';
import type { LedgerBlock, LedgerGateway } from '../ledger/gateway';
import type { ProjectedBlock } from './projection';
import { ProjectionThread } from './projection-thread';
import type { ReadModel } from './read-model';

/** How the projector reports trouble, and where it writes. */
export interface ProjectorOptions {
  /** Called when following the ledger fails; the projector retries after `retryMs`. */
  readonly onError?: (error: unknown) => void;
  readonly retryMs?: number;
  /**
   * Write the read model on a thread of its own (with its own connection)
   * rather than on the caller's: what a server wants, so that projecting
   * never delays intake or queries. Default false: in-line, block by block.
   */
  readonly thread?: boolean;
}

/** Blocks sent to the projection thread and not yet committed, at most. */
const MAX_BLOCKS_IN_FLIGHT = 256;

/**
 * Follows the ledger's committed blocks from the read model's checkpoint and
 * projects each one. Listeners (`on('block')`) hear of every projected block,
 * once it is committed to the read model, which is how live streams learn
 * that there is something new to read.
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

  /** Stops following; resolves once the blocks already taken are projected. */
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
        if (this.options.thread === true) await this.followOnThread(signal);
        else await this.followInline(signal);
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.options.onError?.(error);
        await sleep(this.options.retryMs ?? 1000, signal);
      }
    }
  }

  private async followInline(signal: AbortSignal): Promise<void> {
    for await (const block of this.gateway.blocks({ startBlock: this.checkpoint + 1, signal })) {
      if (signal.aborted) return;
      if (block.number <= this.checkpoint) continue;
      this.emit('block', this.readModel.apply(block));
    }
  }

  /**
   * Sends blocks to a projection thread as the ledger delivers them, without
   * waiting for each to be projected (up to a bound), and announces each
   * once it is committed. A failed projection stops the iteration; the
   * caller retries from the checkpoint with a new thread.
   */
  private async followOnThread(signal: AbortSignal): Promise<void> {
    const thread = new ProjectionThread(this.readModel.file);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let failure: unknown;
    const inFlight: Promise<void>[] = [];
    try {
      let next = this.checkpoint + 1;
      const blocks: AsyncIterable<LedgerBlock> = this.gateway.blocks({
        startBlock: next,
        signal: stop.signal,
      });
      for await (const block of blocks) {
        if (stop.signal.aborted) break;
        if (block.number < next) continue;
        next = block.number + 1;
        const done = thread.apply(block).then(
          (projected) => {
            this.emit('block', projected);
          },
          (error: unknown) => {
            failure ??= error;
            stop.abort();
          },
        );
        inFlight.push(done);
        if (inFlight.length >= MAX_BLOCKS_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await thread.close();
    }
    if (failure !== undefined) throw failure;
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
