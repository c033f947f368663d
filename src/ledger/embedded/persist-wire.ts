import type { RecordVersion } from './block-builder';
import type { ElementRule } from './tx-elements';

/** Messages to the log writer's thread; a block travels encoded (block-codec). */
export type PersistRequest =
  | { readonly type: 'persist'; readonly id: number; readonly block: Uint8Array }
  | { readonly type: 'reset' }
  | { readonly type: 'close' };

/** Its answer to each `persist`. */
export type PersistReply =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** What the log writer needs to open the ledger. */
export interface PersistWorkerData {
  readonly file: string;
  readonly keyFile: string;
  readonly ledgerId: string;
  readonly recordVersion: RecordVersion;
  readonly elementRules: readonly ElementRule[];
}
