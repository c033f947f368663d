import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BlockWrite } from './store';
import { toWireBlock, type PersistReply, type PersistRequest } from './persist-wire';

/**
 * Writes blocks durably on a worker thread, so that the next block can be
 * endorsed and validated on the main thread while the previous one is being
 * fsynced: the ledger uses both cores.
 */
export class BlockPersister {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private exited: Error | undefined;

  constructor(file: string) {
    this.worker = new Worker(join(__dirname, 'persist-worker.js'), { workerData: { file } });
    this.worker.on('message', (reply: PersistReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(reply.error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`persist worker exited (${code})`)));
  }

  /** Blocks sent and not yet answered. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /** Resolves once the block is durably committed; rejects if it was not written. */
  persist(write: BlockWrite): Promise<void> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'persist', id, block: toWireBlock(write) });
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
