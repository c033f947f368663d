import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { LedgerStore } from './store';
import { CheckedPageDecoder, decodeStateChunk } from './verify-page-codec';
import { CheckingCursor, verifyPageCount, type PageCursor } from './verify-source';
import { readStateChunk, stateChunkCount, type StateDigest } from './verify-state';
import {
  checkerOf,
  countersBytes,
  finishedAt,
  postedAt,
  stopAt,
  takenAt,
  type VerifyMessage,
  type VerifyWorkerData,
} from './verify-wire';

/** Messages a checking thread may post ahead of the verifier. */
const AHEAD = 8;
/** Longest wait for a checking thread before the verifier gives up on it. */
const STALL_MS = 120_000;

/**
 * The verifier's source of checked blocks and digested state rows, in
 * order. With n threads, pages (and later chunks of state) go round the
 * threads and the verifier's own: each thread reads and checks every
 * (n + 1)-th page ahead of the verifier, which checks its own share in line
 * and links and replays them all. It stays synchronous, taking each
 * thread's result with `receiveMessageOnPort` and waiting on a shared
 * counter. Without threads, every page is read and checked in line.
 */
export class VerifyReader {
  private readonly workers: Array<{ worker: Worker; port: MessagePort }> = [];
  private readonly counters: Int32Array | undefined;
  private readonly pages: number;
  private readonly stateChunks: number;
  private nextPageIndex = 0;
  private nextChunkIndex = 0;

  constructor(
    private readonly store: LedgerStore,
    private readonly publicKey: KeyObject,
    threads: number,
  ) {
    this.pages = verifyPageCount(store);
    this.stateChunks = stateChunkCount(store);
    if (threads <= 0) return;
    const shared = new SharedArrayBuffer(countersBytes(threads));
    this.counters = new Int32Array(shared);
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (let index = 0; index < threads; index++) {
      const { port1, port2 } = new MessageChannel();
      const workerData: VerifyWorkerData = {
        file: store.file,
        publicKey: publicKeyPem,
        index,
        threads,
        pages: this.pages,
        stateChunks: this.stateChunks,
        port: port2,
        counters: shared,
        ahead: AHEAD,
      };
      const worker = new Worker(join(__dirname, 'verify-worker.js'), {
        workerData,
        transferList: [port2],
      });
      worker.unref();
      this.workers.push({ worker, port: port1 });
    }
  }

  /** The next page of checked blocks; `undefined` after the last. */
  nextPage(): PageCursor | undefined {
    const index = this.nextPageIndex;
    if (index >= this.pages) return undefined;
    this.nextPageIndex++;
    const from = checkerOf(index, this.workers.length);
    if (from === undefined) return new CheckingCursor(this.store, index, this.publicKey);
    return new CheckedPageDecoder(this.receive(from, 'page'));
  }

  /** The next chunk of digested state rows, in row id order; `undefined` after the last. */
  nextStateChunk(): StateDigest[] | undefined {
    const index = this.nextChunkIndex;
    if (index >= this.stateChunks) return undefined;
    this.nextChunkIndex++;
    const from = checkerOf(index, this.workers.length);
    if (from === undefined) return readStateChunk(this.store, index);
    return decodeStateChunk(this.receive(from, 'state'));
  }

  /**
   * Stops the checking threads and waits until each has closed the ledger
   * file: better-sqlite3 aborts the whole process when a thread is
   * terminated inside one of its calls (seen while a thread was still
   * opening the file), and none must read the file once verification has
   * returned. Each finishes the
   * page it is on (tens of milliseconds); one that has not within
   * {@link STALL_MS} is terminated.
   */
  close(): void {
    const counters = this.counters;
    if (counters === undefined) return;
    const threads = this.workers.length;
    Atomics.store(counters, stopAt(threads), 1);
    for (let i = 0; i < threads; i++) Atomics.notify(counters, takenAt(i));
    const started = Date.now();
    for (;;) {
      const finished = Atomics.load(counters, finishedAt(threads));
      if (finished >= threads || Date.now() - started > STALL_MS) break;
      Atomics.wait(counters, finishedAt(threads), finished, 1000);
    }
    for (const { worker, port } of this.workers) {
      port.close();
      if (Atomics.load(counters, finishedAt(threads)) < threads) void worker.terminate();
    }
  }

  private receive(from: number, type: 'page' | 'state'): Uint8Array {
    const counters = this.counters!;
    const port = this.workers[from]!.port;
    const posted = postedAt(from);
    const started = Date.now();
    for (;;) {
      const seen = Atomics.load(counters, posted);
      const received = receiveMessageOnPort(port);
      if (received !== undefined) {
        Atomics.add(counters, takenAt(from), 1);
        Atomics.notify(counters, takenAt(from));
        const message = received.message as VerifyMessage;
        if (message.type === 'error') throw new Error(`verify thread: ${message.message}`);
        if (message.type !== type)
          throw new Error(`verify thread sent ${message.type}, not ${type}`);
        return message.bytes;
      }
      if (Date.now() - started > STALL_MS) throw new Error('verify thread stalled');
      Atomics.wait(counters, posted, seen, 1000);
    }
  }
}
