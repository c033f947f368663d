/** Stable codes of the errors the contract raises. */
export type ContractErrorCode =
  /** The request is malformed; `details` lists each bad field. */
  | 'INVALID_ARGUMENT'
  /** The caller's identity may not do this. */
  | 'FORBIDDEN'
  /** A participant, ticket or other record does not exist. */
  | 'NOT_FOUND'
  /** It exists already with other content (a ticket id reused, a prefix claimed). */
  | 'CONFLICT'
  /** The ledger is not in a state that allows it (suspended store, not bootstrapped). */
  | 'FAILED_PRECONDITION';

/** One bad field of a request: a JSON pointer into it, the rule, and words for people. */
export interface ErrorDetail {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** What a caller can learn from a contract error, whichever engine carried it. */
export interface ContractFailure {
  readonly code: ContractErrorCode;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}

const MARKER = '{"eterError":';

/**
 * An error thrown by a transaction function. Its message is JSON, because a
 * peer hands only the message string back to the client; {@link parseContractFailure}
 * recovers the structure on the other side.
 */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    readonly reason: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(JSON.stringify({ eterError: { code, message: reason, details } }));
    this.name = 'ContractError';
  }
}

/**
 * Finds a contract error in an endorsement failure message (the embedded
 * ledger passes it as is; Fabric wraps it in its own words).
 */
export function parseContractFailure(text: string): ContractFailure | undefined {
  const start = text.indexOf(MARKER);
  if (start < 0) return undefined;
  const end = text.lastIndexOf('}');
  try {
    const parsed = JSON.parse(text.slice(start, end + 1)) as { eterError: ContractFailure };
    return parsed.eterError;
  } catch {
    return undefined;
  }
}
