import { setTimeout as sleep } from 'node:timers/promises';
import { CommitError } from '../ledger/gateway';

/** How {@link retryOnConflict} paces its attempts. */
export interface ConflictRetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts?: number;
  /** Upper bound of the first random back-off; doubles each time, capped at 200 ms. */
  readonly baseDelayMs?: number;
}

/** True for an MVCC or phantom read conflict: the transaction read state that changed before it committed. */
export function isReadConflict(error: unknown): error is CommitError {
  return (
    error instanceof CommitError &&
    (error.validationCode === 'MVCC_READ_CONFLICT' ||
      error.validationCode === 'PHANTOM_READ_CONFLICT')
  );
}

/**
 * Runs `attempt` until it does not fail with a read conflict. A conflicted
 * transaction changed nothing, so running it again against the new state is
 * safe for Eter's transactions, which are idempotent by their ids (ticket,
 * transfer, redemption). Spends of one balance conflict by design (they read
 * the lots they consume), and the retry is what makes "exactly the spends
 * that fit succeed" hold under concurrency. Random back-off keeps
 * concurrent retries from colliding again in the next block.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 10;
  let ceiling = options.baseDelayMs ?? 5;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isReadConflict(error) || i >= attempts) throw error;
      await sleep(Math.random() * ceiling);
      ceiling = Math.min(ceiling * 2, 200);
    }
  }
}
