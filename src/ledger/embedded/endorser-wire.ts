import type { Identity } from '../gateway/identity';

/** Where an endorsing thread finds its contracts and the ledger. */
export interface EndorserWorkerData {
  readonly file: string;
  readonly channel: string;
  /** Module (absolute path) exporting a function that returns the contract instances. */
  readonly module: string;
  readonly exportName: string;
}

/** One proposal to simulate; they travel in arrays, one message per event-loop turn. */
export interface EndorseRequest {
  readonly id: number;
  readonly txId: string;
  readonly timestamp: number;
  readonly identity: Identity;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
}

/**
 * Its simulation and result (encoded by `encodeEndorsement`), or why the
 * contract refused it; replies travel in arrays too.
 */
export type EndorseReply =
  | { readonly id: number; readonly ok: true; readonly endorsement: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Other messages to an endorsing thread. */
export type EndorserControl =
  { readonly type: 'forget'; readonly keys: readonly string[] } | { readonly type: 'close' };
