import { retryOnConflict } from '../../client/conflict-retry';
import { ProblemError, ProblemType } from './problem';
import { ledgerRefusal } from './ledger-problems';

/**
 * Runs a ledger call for a route, answering a refusal with its problem
 * (422 for a request the contract finds invalid or impossible, 409 for a
 * conflict, 503 with Retry-After when the ledger is busy or the outcome
 * unknown). Read conflicts are retried first: every Eter transaction is
 * idempotent by its id, so running it again is safe.
 */
export async function ledgerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await retryOnConflict(call);
  } catch (error) {
    throw ledgerProblem(error);
  }
}

/** The problem a route answers for a failed ledger call (see {@link ledgerCall}). */
export function ledgerProblem(error: unknown): ProblemError {
  const outcome = ledgerRefusal(error, ProblemType.unprocessable);
  return new ProblemError(
    outcome.problem,
    outcome.retryAfterSeconds === undefined
      ? {}
      : { 'retry-after': String(outcome.retryAfterSeconds) },
  );
}
