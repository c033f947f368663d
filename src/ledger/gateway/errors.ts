import type { ValidationCode } from './validation-code';

/** Stable machine-readable code of each {@link GatewayError} subclass. */
export type GatewayErrorCode =
  'ENDORSE' | 'SUBMIT' | 'COMMIT' | 'COMMIT_STATUS' | 'NOT_FOUND' | 'CLOSED';

/** Base class of every error the ledger gateway raises. */
export abstract class GatewayError extends Error {
  abstract readonly code: GatewayErrorCode;
  /** Transaction the error is about, where there is one. */
  readonly transactionId: string | undefined;

  protected constructor(message: string, transactionId?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.transactionId = transactionId;
  }
}

/**
 * The contract refused the proposal or failed while simulating it. Nothing
 * reached the ledger. `details` is the contract's own error message, which
 * contracts may structure (see the contract layer's error format).
 */
export class EndorseError extends GatewayError {
  readonly code = 'ENDORSE' as const;
  constructor(
    readonly details: string,
    transactionId?: string,
    options?: ErrorOptions,
  ) {
    super(`endorsement failed: ${details}`, transactionId, options);
  }
}

/**
 * The endorsed transaction could not be handed to ordering (queue full,
 * orderer unreachable). Nothing reached the ledger; a retry is safe.
 */
export class SubmitError extends GatewayError {
  readonly code = 'SUBMIT' as const;
  constructor(
    message: string,
    transactionId: string | undefined,
    /** True when the cause is temporary load, so the caller may retry later. */
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, transactionId, options);
  }
}

/**
 * The transaction was ordered into a block but marked invalid there: it is
 * on the ledger with `validationCode` and changed no state.
 */
export class CommitError extends GatewayError {
  readonly code = 'COMMIT' as const;
  constructor(
    transactionId: string,
    readonly validationCode: Exclude<ValidationCode, 'VALID'>,
    readonly blockNumber: number,
  ) {
    super(
      `transaction ${transactionId} committed invalid in block ${blockNumber}: ${validationCode}`,
      transactionId,
    );
  }
}

/**
 * The outcome of a submitted transaction could not be learnt. It may or may
 * not have committed: check by transaction id before retrying.
 */
export class CommitStatusError extends GatewayError {
  readonly code = 'COMMIT_STATUS' as const;
  constructor(message: string, transactionId: string, options?: ErrorOptions) {
    super(message, transactionId, options);
  }
}

/** A block or transaction asked for by number or id does not exist. */
export class NotFoundError extends GatewayError {
  readonly code = 'NOT_FOUND' as const;
  constructor(message: string, transactionId?: string) {
    super(message, transactionId);
  }
}

/** The gateway was closed; it accepts no more work. */
export class ClosedError extends GatewayError {
  readonly code = 'CLOSED' as const;
  constructor() {
    super('ledger gateway is closed');
  }
}
