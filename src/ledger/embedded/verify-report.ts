/** What `eter verify` reports: the check that failed, where, and what was checked. */

/** The check that found a ledger unsound. */
export type VerifyFailureCode =
  | 'block-header'
  | 'block-hash'
  | 'signature'
  | 'chain'
  | 'ledger-id'
  | 'tx-count'
  | 'tx-record'
  | 'tx-payload'
  | 'tx-root'
  | 'log-root'
  | 'merkle-node'
  | 'replay'
  | 'state'
  | 'history'
  | 'erasure';

/** Where and why verification stopped. */
export interface VerifyFailure {
  readonly code: VerifyFailureCode;
  readonly message: string;
  readonly block?: number;
  readonly txId?: string;
  readonly seq?: number;
  readonly key?: string;
}

/** What verification checked, and the first problem if any. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly blocks: number;
  readonly transactions: number;
  readonly stateKeys: number;
  readonly failure?: VerifyFailure;
}

/** Thrown by a check to stop verification at the first problem. */
export class Unsound extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure.message);
  }
}

/** Stops verification with `failure`. */
export function fail(failure: VerifyFailure): never {
  throw new Unsound(failure);
}
