import type { MessagePort } from 'node:worker_threads';

/** What the verifier's reader thread is started with. */
export interface VerifyWorkerData {
  readonly file: string;
  /** Where it posts {@link VerifyMessage}s. */
  readonly port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [pages posted, pages taken]. */
  readonly counters: SharedArrayBuffer;
  /** Most pages posted and not yet taken. */
  readonly ahead: number;
}

/** Index of each counter in {@link VerifyWorkerData.counters}. */
export const POSTED = 0;
export const TAKEN = 1;

/**
 * From the reader thread, in order: pages (encoded by verify-page-codec),
 * then the end (with the Merkle-node check), or an error.
 */
export type VerifyMessage =
  | { readonly type: 'page'; readonly page: Uint8Array }
  | { readonly type: 'end'; readonly nodesProblem: string | undefined }
  | { readonly type: 'error'; readonly message: string };
