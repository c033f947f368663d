import type { Identity } from './identity';
import type { ValidationCode } from './validation-code';

/** A transaction function call, as a client proposes it. */
export interface Proposal {
  /** Contract name within the chaincode, e.g. `eter`. */
  readonly contract: string;
  /** Transaction function name, e.g. `RecordTicket`. */
  readonly fn: string;
  /** String arguments, as on Fabric. */
  readonly args: readonly string[];
}

/** What a successful submit returns, once the transaction is durably committed. */
export interface CommittedTransaction {
  readonly transactionId: string;
  /** Always `VALID`: invalid transactions surface as `CommitError`. */
  readonly validationCode: 'VALID';
  /** Number of the block holding the transaction. */
  readonly blockNumber: number;
  /** Bytes the transaction function returned (JSON for Eter's contract). */
  readonly result: Uint8Array;
}

/** A contract event, as emitted by a committed valid transaction. */
export interface ContractEvent {
  readonly blockNumber: number;
  readonly transactionId: string;
  /** Contract (chaincode) that emitted it. */
  readonly contract: string;
  readonly name: string;
  readonly payload: Uint8Array;
}

/** One transaction as seen in a delivered block. */
export interface BlockTransaction {
  readonly transactionId: string;
  readonly validationCode: ValidationCode;
  readonly contract: string;
  readonly fn: string;
  readonly creatorMspId: string;
  /** Transaction time proposed by the client (ISO 8601, UTC). */
  readonly timestamp: string;
  /** Events of valid transactions; on Fabric at most one per transaction. */
  readonly events: readonly ContractEvent[];
}

/** A committed block, as delivered to listeners. */
export interface LedgerBlock {
  readonly number: number;
  readonly transactions: readonly BlockTransaction[];
}

/** Where a block or event listener starts and how it stops. */
export interface ListenOptions {
  /** First block to deliver; blocks already committed are replayed, then live ones follow. */
  readonly startBlock?: number;
  /** Aborting ends the iteration. */
  readonly signal?: AbortSignal;
}

/**
 * The one door between the application and a ledger engine. The HTTP API,
 * the CLI and the contract tests use only this, so the embedded ledger and
 * the Fabric adapter are interchangeable.
 *
 * @example
 * ```ts
 * const tx = await gateway.submit(collector, { contract: 'eter', fn: 'RecordTicket', args: [json] });
 * console.log(tx.transactionId, tx.blockNumber);
 * ```
 */
export interface LedgerGateway {
  /**
   * Endorses, orders and commits a transaction, resolving once its block is
   * durably committed.
   * @throws {EndorseError} the contract refused it; nothing was recorded.
   * @throws {SubmitError} ordering refused it (e.g. queue full); nothing was recorded.
   * @throws {CommitError} it was recorded as invalid (e.g. MVCC read conflict).
   * @throws {CommitStatusError} its outcome is unknown.
   */
  submit(identity: Identity, proposal: Proposal): Promise<CommittedTransaction>;

  /**
   * Runs a transaction function read-only against committed state and
   * returns its result. Nothing is ordered or recorded.
   * @throws {EndorseError} the contract refused it.
   */
  evaluate(identity: Identity, proposal: Proposal): Promise<Uint8Array>;

  /** Number of blocks committed so far (the next block's number). */
  height(): Promise<number>;

  /**
   * Where a committed transaction is: its block and verdict; `undefined` if
   * the ledger has no transaction with this id.
   */
  findTransaction(
    transactionId: string,
  ): Promise<{ blockNumber: number; validationCode: ValidationCode } | undefined>;

  /**
   * Committed blocks from `startBlock` (default 0): the ones already on the
   * ledger first, then each new one as it commits, until aborted or closed.
   */
  blocks(options?: ListenOptions): AsyncIterable<LedgerBlock>;

  /** Contract events of valid transactions, in commit order, replayed then live. */
  events(options?: ListenOptions): AsyncIterable<ContractEvent>;

  /** Stops accepting work, lets committed work settle and releases resources. */
  close(): Promise<void>;
}
