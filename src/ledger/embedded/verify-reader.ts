import { join } from 'node:path';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { LedgerStore } from './store';
import { storedNodesProblem } from './verify-nodes';
import { decodeVerifyPage } from './verify-page-codec';
import { readVerifyPage, VERIFY_PAGE_BLOCKS, type VerifyPage } from './verify-source';
import { POSTED, TAKEN, type VerifyMessage, type VerifyWorkerData } from './verify-wire';

/** Pages the reader thread may read ahead of the verifier. */
const AHEAD = 8;
/** Longest wait for the reader thread before the verifier gives up on it. */
const STALL_MS = 120_000;

/**
 * The verifier's source of digested blocks, in order. With `threaded`, a
 * reader thread reads and hashes them ahead (see `verify-worker`), so that
 * verification uses two cores; the verifier stays synchronous, taking each
 * page with `receiveMessageOnPort` and waiting on a shared counter.
 * Otherwise pages are read and hashed in line.
 */
export class VerifyReader {
  private readonly worker: Worker | undefined;
  private readonly port: MessagePort | undefined;
  private readonly counters: Int32Array | undefined;
  private next = 0;
  private nodesProblem: string | undefined;
  private ended = false;

  constructor(
    private readonly store: LedgerStore,
    threaded: boolean,
  ) {
    if (!threaded) return;
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(8);
    const workerData: VerifyWorkerData = {
      file: store.file,
      port: port2,
      counters: shared,
      ahead: AHEAD,
    };
    this.worker = new Worker(join(__dirname, 'verify-worker.js'), {
      workerData,
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    this.counters = new Int32Array(shared);
  }

  /** The next page of blocks; empty at the end. */
  nextPage(): VerifyPage {
    if (this.worker === undefined) {
      const page = readVerifyPage(this.store, this.next, VERIFY_PAGE_BLOCKS);
      const last = page.blocks[page.blocks.length - 1];
      if (last !== undefined) this.next = last.row.number + 1;
      return page;
    }
    if (this.ended) return { blocks: [] };
    const message = this.receive();
    if (message.type === 'page') return decodeVerifyPage(message.page);
    this.ended = true;
    this.nodesProblem = message.nodesProblem;
    return { blocks: [] };
  }

  /**
   * What is wrong with the stored Merkle nodes, given every leaf in order
   * (call after the last page).
   */
  storedNodesProblem(leaves: readonly Uint8Array[]): string | undefined {
    return this.worker === undefined ? storedNodesProblem(this.store, leaves) : this.nodesProblem;
  }

  /** Stops the reader thread. */
  close(): void {
    this.port?.close();
    void this.worker?.terminate();
  }

  private receive(): Extract<VerifyMessage, { type: 'page' | 'end' }> {
    const counters = this.counters!;
    const started = Date.now();
    for (;;) {
      const posted = Atomics.load(counters, POSTED);
      const received = receiveMessageOnPort(this.port!);
      if (received !== undefined) {
        Atomics.add(counters, TAKEN, 1);
        Atomics.notify(counters, TAKEN);
        const message = received.message as VerifyMessage;
        if (message.type === 'error') throw new Error(`verify reader: ${message.message}`);
        return message;
      }
      if (Date.now() - started > STALL_MS) throw new Error('verify reader thread stalled');
      Atomics.wait(counters, POSTED, posted, 1000);
    }
  }
}
