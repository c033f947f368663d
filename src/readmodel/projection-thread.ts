import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerBlock } from '../ledger/gateway';
import { packBlock } from './packed-block';
import type { ProjectedBlock } from './projection';
import type { ProjectionReply, ProjectionRequest, ProjectionWorkerData } from './projection-wire';

/** Most blocks the thread commits in one read-model transaction. */
const MAX_BLOCKS_PER_COMMIT = 64;

/**
 * The thread's page cache. Its writes land near the end of each tree and
 * its reads of older pages come from the OS's file cache: in a 1 M-ticket
 * read model 8 MiB projects as fast as 32 or 128 (bench:projection).
 */
const CACHE_MIB = 8;

/**
 * A small young generation: this thread's garbage is short-lived (one
 * block's worth), and V8's default lets each thread's heap grow by tens of
 * megabytes that the process then holds.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8 };

/**
 * Projects blocks on a thread of its own, with its own connection to the
 * read model, so that writing the read model (tens of milliseconds a block
 * in a large file, all synchronous SQLite) never holds up the thread that
 * takes in tickets and answers queries. Blocks are sent as they come and
 * answered in order, each once the transaction holding it is committed.
 */
export class ProjectionThread {
  private readonly worker: Worker;
  private readonly waiting: Array<{
    resolve: (projected: ProjectedBlock) => void;
    reject: (error: Error) => void;
  }> = [];
  private exited: Error | undefined;

  constructor(file: string) {
    const workerData: ProjectionWorkerData = {
      file,
      maxBlocksPerCommit: MAX_BLOCKS_PER_COMMIT,
      cacheMiB: CACHE_MIB,
    };
    this.worker = new Worker(join(__dirname, 'projection-worker.js'), {
      workerData,
      resourceLimits: WORKER_HEAP,
    });
    this.worker.on('message', (reply: ProjectionReply) => {
      if (reply.type === 'failed') {
        this.fail(new Error(`projection failed: ${reply.error}`));
        return;
      }
      for (const projected of reply.projected) this.waiting.shift()?.resolve(projected);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`projection thread exited (${code})`)));
  }

  /**
   * Sends the next block; resolves once it is committed to the read model.
   * After a failure this and every later call reject: replace the thread.
   */
  apply(block: LedgerBlock): Promise<ProjectedBlock> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    return new Promise<ProjectedBlock>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      const packed = packBlock(block);
      this.worker.postMessage({ type: 'block', block: packed } satisfies ProjectionRequest, [
        packed.payloads,
      ]);
    });
  }

  /** Blocks sent and not yet committed. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Lets the thread commit what it was sent, then stops it. */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.send({ type: 'close' });
    await exited;
  }

  private send(request: ProjectionRequest): void {
    this.worker.postMessage(request);
  }

  private fail(error: Error): void {
    if (this.exited === undefined) void this.worker.terminate();
    this.exited ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}
