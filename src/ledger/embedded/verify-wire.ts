import type { MessagePort } from 'node:worker_threads';

/** What each of the verifier's checking threads is started with. */
export interface VerifyWorkerData {
  readonly file: string;
  /** The node's public key (SPKI PEM) that every header signature must verify under. */
  readonly publicKey: string;
  /** This thread's number (0 to threads − 1), and how many checking threads there are. */
  readonly index: number;
  readonly threads: number;
  /** Pages of blocks, then chunks of state rows, to check. */
  readonly pages: number;
  readonly stateChunks: number;
  /** Where it posts {@link VerifyMessage}s. */
  readonly port: MessagePort;
  /**
   * Int32Array over a SharedArrayBuffer: [posted, taken] for each thread in
   * turn, then the stop flag and the count of threads that have finished
   * (see {@link stopAt}, {@link finishedAt}).
   */
  readonly counters: SharedArrayBuffer;
  /** Most messages posted and not yet taken. */
  readonly ahead: number;
}

/**
 * Pages and chunks go round the checking threads and the calling thread:
 * `index` goes to checking thread `index % (threads + 1)`, or to the
 * calling thread (`undefined`) when that is `threads`.
 */
export function checkerOf(index: number, threads: number): number | undefined {
  const turn = index % (threads + 1);
  return turn === threads ? undefined : turn;
}

/** Index of a thread's counters in {@link VerifyWorkerData.counters}. */
export function postedAt(worker: number): number {
  return 2 * worker;
}
export function takenAt(worker: number): number {
  return 2 * worker + 1;
}

/** Set by the verifier when it needs no more: each thread stops at its next page. */
export function stopAt(threads: number): number {
  return 2 * threads;
}

/** Counts the threads that have closed the ledger file and are about to end. */
export function finishedAt(threads: number): number {
  return 2 * threads + 1;
}

/** Bytes of the shared counters for `threads` checking threads. */
export function countersBytes(threads: number): number {
  return Int32Array.BYTES_PER_ELEMENT * (2 * threads + 2);
}

/**
 * From a checking thread, in order: its pages of checked blocks, then its
 * chunks of digested state rows (see verify-page-codec); or an error.
 */
export type VerifyMessage =
  | { readonly type: 'page'; readonly bytes: Uint8Array }
  | { readonly type: 'state'; readonly bytes: Uint8Array }
  | { readonly type: 'error'; readonly message: string };
