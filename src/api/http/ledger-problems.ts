/**
 * Every way a ledger call can fail, mapped to its HTTP answer in one place:
 * the contract's refusals by their stable code, a busy or closing ledger,
 * and a transaction whose commit failed. Routes answer with these problems;
 * anything else is a bug and is thrown on to the 500 handler.
 */
import { ContractCallError } from '../../client/contract-client';
import type { ContractErrorCode } from '../../contract';
import { ClosedError, CommitError, CommitStatusError, SubmitError } from '../../ledger/gateway';
import { problem, ProblemType, type Problem, type ProblemTypeName } from './problem';

/** A refusal as a route answers it. */
export interface LedgerRefusal {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to send as `Retry-After`, when trying again later may succeed. */
  readonly retryAfterSeconds?: number;
}

/** Status and problem type of each contract error code. */
export const CONTRACT_STATUS: Readonly<Record<ContractErrorCode, [number, ProblemTypeName]>> = {
  INVALID_ARGUMENT: [422, ProblemType.invalidTicket],
  FORBIDDEN: [403, ProblemType.forbidden],
  NOT_FOUND: [422, ProblemType.unprocessable],
  CONFLICT: [409, ProblemType.conflict],
  FAILED_PRECONDITION: [422, ProblemType.unprocessable],
};

/**
 * The answer to a failed ledger call. `invalid` names the problem type of a
 * request the contract found invalid (a ticket, by default; other routes
 * pass their own).
 * @throws the error itself when it is none of the ledger's failures.
 */
export function ledgerRefusal(
  error: unknown,
  invalid: ProblemTypeName = ProblemType.invalidTicket,
): LedgerRefusal {
  if (error instanceof ContractCallError) {
    const [status, mapped] = CONTRACT_STATUS[error.code];
    const type = error.code === 'INVALID_ARGUMENT' ? invalid : mapped;
    const errors = error.failure.details.length > 0 ? error.failure.details : undefined;
    return { status, problem: problem(type, status, error.failure.message, undefined, errors) };
  }
  if (error instanceof SubmitError && error.retryable) {
    return {
      status: 503,
      problem: problem(ProblemType.overloaded, 503, 'Busy: retry shortly', error.message),
      retryAfterSeconds: 1,
    };
  }
  if (error instanceof ClosedError) {
    return {
      status: 503,
      problem: problem(ProblemType.unavailable, 503, 'Shutting down'),
      retryAfterSeconds: 5,
    };
  }
  if (error instanceof CommitError || error instanceof CommitStatusError) {
    return {
      status: 503,
      problem: problem(ProblemType.unavailable, 503, 'Not recorded: retry', error.message),
      retryAfterSeconds: 1,
    };
  }
  throw error;
}
