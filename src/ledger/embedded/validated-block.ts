import type { Identity } from '../gateway/identity';
import type { ValidationCode } from '../gateway/validation-code';
import type { RangeRead } from './tx-record';

/**
 * A block as the committer hands it to the log writer: every transaction
 * with its place in the log and its verdict, nothing encoded yet. It crosses
 * to the writer's thread by structured cloning, so it holds only plain data
 * and byte arrays.
 */
export interface ValidatedBlock {
  readonly number: number;
  /** Commit time, ISO 8601 UTC. */
  readonly timestamp: string;
  /** Log index of the first transaction. */
  readonly firstSeq: number;
  readonly transactions: readonly ValidatedTransaction[];
}

/** One transaction of a {@link ValidatedBlock}. */
export interface ValidatedTransaction {
  readonly txId: string;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly creator: Identity;
  /** Client-proposed time, ISO 8601 UTC. */
  readonly timestamp: string;
  readonly reads: ReadonlyArray<readonly [key: string, version: number | null]>;
  readonly ranges: readonly RangeRead[];
  /** Writes in order; `null` deletes. */
  readonly writes: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>;
  /** `null` when the function returned nothing. */
  readonly result: Uint8Array | null;
  readonly event: { readonly name: string; readonly payload: Uint8Array } | null;
  readonly validation: ValidationCode;
}
