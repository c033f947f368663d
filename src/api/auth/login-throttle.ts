/**
 * Back-off for failed logins, per (username, client address) and per client
 * address. Without it, 80 wrong passwords sent at once for one account took
 * every place in the hashing line (32 hashed, 48 refused with 503), and the
 * account's owner, logging in meanwhile, was refused too.
 *
 * Every attempt in progress counts as a failure until it is known not to
 * be one, so a burst sent all at once is cut at the same number as one sent
 * one after the other: a client gets `free` attempts, then one at a time,
 * each after a wait that doubles with every further failure (1 s, 2 s, 4 s …
 * up to `maxBackoffMs`). A refused attempt is answered at once, without
 * hashing, so that it costs the server nothing and does not lengthen the
 * wait. Failures are forgotten `forgetMs` after the last one.
 *
 * The owner of an account under attack from one address still logs in from
 * any other address, and other people are not slowed at all: the global
 * bound on hashing ({@link PasswordHashingBusyError}) stays for floods from
 * many addresses.
 */

/** How the throttle is set. */
export interface LoginThrottleOptions {
  /** Failed (or unfinished) attempts per (username, address) before back-off. */
  readonly perAccount: number;
  /** Failed (or unfinished) attempts per address, any username, before back-off. */
  readonly perAddress: number;
  /** Longest wait between attempts once backing off, in milliseconds. */
  readonly maxBackoffMs: number;
  /** Quiet time after which an address's failures are forgotten (default 15 minutes). */
  readonly forgetMs?: number;
  /** Clients remembered at most; the least recently seen are forgotten first (default 100,000). */
  readonly capacity?: number;
  /** The clock, in milliseconds; tests move it on instead of waiting. */
  readonly now?: () => number;
}

/** A login attempt let through: settle it with the outcome once known. */
export interface LoginAttempt {
  /** Records the outcome: a failure extends the back-off, a success ends the account's. */
  settle(outcome: 'success' | 'failure' | 'not-checked'): void;
}

/** What a refused attempt is told. */
export interface LoginRefusal {
  /** Whole seconds to wait before the next attempt (at least 1). */
  readonly retryAfterSeconds: number;
  /** Which bound refused it. */
  readonly scope: 'account' | 'address';
}

interface Tally {
  failures: number;
  pending: number;
  lastFailureAt: number;
}

const FIRST_BACKOFF_MS = 1000;

export class LoginThrottle {
  private readonly tallies = new Map<string, Tally>();
  private readonly forgetMs: number;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.forgetMs = options.forgetMs ?? 15 * 60_000;
    this.capacity = options.capacity ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Lets an attempt of `username` from `address` through, or says how long
   * to wait. The account's bound is checked first, so that a client told
   * to wait hears about its own account.
   */
  begin(username: string, address: string): LoginAttempt | LoginRefusal {
    const now = this.now();
    const accountKey = `a\u0000${address}\u0000${username}`;
    const addressKey = `i\u0000${address}`;
    const account = this.tally(accountKey, now);
    const byAddress = this.tally(addressKey, now);
    const accountWait = this.wait(account, this.options.perAccount, now);
    if (accountWait > 0) return refusal(accountWait, 'account');
    const addressWait = this.wait(byAddress, this.options.perAddress, now);
    if (addressWait > 0) return refusal(addressWait, 'address');
    account.pending++;
    byAddress.pending++;
    let settled = false;
    return {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        account.pending--;
        byAddress.pending--;
        if (outcome === 'failure') {
          const at = this.now();
          for (const tally of [account, byAddress]) {
            tally.failures++;
            tally.lastFailureAt = at;
          }
        } else if (outcome === 'success' && account.pending === 0) {
          // The account's owner is in: its back-off ends. The address's does not,
          // or one valid login would reset a run of guesses at other accounts.
          this.tallies.delete(accountKey);
        }
      },
    };
  }

  /** Clients currently remembered (for tests and metrics). */
  get size(): number {
    return this.tallies.size;
  }

  /** Milliseconds an attempt must still wait under one bound; 0 lets it through. */
  private wait(tally: Tally, free: number, now: number): number {
    const spent = tally.failures + tally.pending;
    if (spent < free) return 0;
    // Past the free attempts, one at a time: the outcome of the one in progress decides the next wait.
    const backoff = Math.min(
      FIRST_BACKOFF_MS * 2 ** Math.max(0, tally.failures - free),
      this.options.maxBackoffMs,
    );
    if (tally.pending > 0) return backoff;
    return Math.max(0, tally.lastFailureAt + backoff - now);
  }

  private tally(key: string, now: number): Tally {
    let tally = this.tallies.get(key);
    if (tally !== undefined && tally.pending === 0 && now - tally.lastFailureAt > this.forgetMs) {
      this.tallies.delete(key);
      tally = undefined;
    }
    if (tally === undefined) {
      tally = { failures: 0, pending: 0, lastFailureAt: now };
    } else {
      // Moved to the end: the map's order is least recently seen first.
      this.tallies.delete(key);
    }
    this.tallies.set(key, tally);
    this.evict();
    return tally;
  }

  private evict(): void {
    for (const [key, tally] of this.tallies) {
      if (this.tallies.size <= this.capacity) return;
      // An attempt in progress keeps its tally, or settling it would miscount.
      if (tally.pending === 0) this.tallies.delete(key);
    }
  }
}

function refusal(waitMs: number, scope: LoginRefusal['scope']): LoginRefusal {
  return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), scope };
}

/** Whether `begin` let the attempt through. */
export function isRefusal(result: LoginAttempt | LoginRefusal): result is LoginRefusal {
  return 'retryAfterSeconds' in result;
}
