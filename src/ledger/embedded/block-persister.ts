import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PersistReply, PersistRequest, PersistWorkerData } from './persist-wire';
import { encodeValidatedBlock } from './block-codec';
import type { ValidatedBlock } from './validated-block';

/**
 * A small young generation: this thread's garbage is short-lived (one
 * block's worth), and V8's default lets each thread's heap grow by tens of
 * megabytes that the process then holds.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8 };

/**
 * Hands validated blocks to the log writer's thread, which encodes, signs
 * and durably writes them, so that the next block can be endorsed and
 * validated on the main thread meanwhile: the ledger uses both cores.
 */
export class BlockPersister {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private exited: Error | undefined;

  constructor(workerData: PersistWorkerData) {
    this.worker = new Worker(join(__dirname, 'persist-worker.js'), {
      workerData,
      resourceLimits: WORKER_HEAP,
    });
    this.worker.on('message', (reply: PersistReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(reply.error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`persist worker exited (${code})`)));
  }

  /** Resolves once the block is durably committed; rejects if it was not written. */
  persist(block: ValidatedBlock): Promise<void> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const bytes = encodeValidatedBlock(block);
      this.worker.postMessage({ type: 'persist', id, block: bytes } satisfies PersistRequest, [
        bytes.buffer as ArrayBuffer,
      ]);
    });
  }

  /** Lets the worker write again after a failure, once the sender has reloaded its state. */
  reset(): void {
    this.send({ type: 'reset' });
  }

  /** Waits for the worker to finish what it was sent, then stops it. */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.send({ type: 'close' });
    await exited;
  }

  private send(request: PersistRequest): void {
    this.worker.postMessage(request);
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
