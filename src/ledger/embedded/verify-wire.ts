import type { MessagePort } from 'node:worker_threads';

/** What each of the verifier's checking threads is started with. */
export interface VerifyWorkerData {
  readonly file: string;
  /** The node's public key (SPKI PEM) that every header signature must verify under. */
  readonly publicKey: string;
  /** This thread's number, and how many there are: it takes every `workers`-th page and chunk. */
  readonly index: number;
  readonly workers: number;
  /** Pages of blocks, then chunks of state rows, to check. */
  readonly pages: number;
  readonly stateChunks: number;
  /** Where it posts {@link VerifyMessage}s. */
  readonly port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [posted, taken] for each thread in turn. */
  readonly counters: SharedArrayBuffer;
  /** Most messages posted and not yet taken. */
  readonly ahead: number;
}

/** Index of a thread's counters in {@link VerifyWorkerData.counters}. */
export function postedAt(worker: number): number {
  return 2 * worker;
}
export function takenAt(worker: number): number {
  return 2 * worker + 1;
}

/**
 * From a checking thread, in order: its pages of checked blocks, then its
 * chunks of digested state rows (see verify-page-codec); or an error.
 */
export type VerifyMessage =
  | { readonly type: 'page'; readonly bytes: Uint8Array }
  | { readonly type: 'state'; readonly bytes: Uint8Array }
  | { readonly type: 'error'; readonly message: string };
