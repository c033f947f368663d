import { problem, ProblemError, ProblemType } from '../http/problem';
import { isRefusal, type LoginThrottle } from './login-throttle';
import { PasswordHashingBusyError } from './password';
import type { Person } from './person';
import type { IssuedToken, TokenService } from './tokens';
import type { UserStore } from './user-store';

/** What a login refused in a flood is told to wait: a few hashes' time. */
const LOGIN_RETRY_AFTER_SECONDS = 2;

/**
 * A username and password for a login token, with the throttle's back-off:
 * the one way in, which the token login (POST /v1/auth/login) and the web
 * app's session (POST /v1/auth/session) share, so that both count against
 * one back-off and give the same answers.
 */
export class PasswordLogin {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The token for `username` logging in from `address`.
   * @throws {ProblemError} 429 with Retry-After while the back-off lasts,
   *   401 for a wrong username or password (the same answer for both), 503
   *   with Retry-After when too many logins wait for their password hash.
   */
  async logIn(username: string, password: string, address: string): Promise<IssuedToken> {
    const attempt = this.throttle.begin(username, address);
    if (isRefusal(attempt)) {
      throw new ProblemError(
        problem(
          ProblemType.rateLimited,
          429,
          'Too many failed logins',
          `too many failed logins ${attempt.scope === 'account' ? 'for this username ' : ''}from this address: try again in ${attempt.retryAfterSeconds} s`,
        ),
        { 'retry-after': String(attempt.retryAfterSeconds) },
      );
    }
    // Read before the password is checked: a change meanwhile leaves the new token revoked.
    const generation = this.users.tokenGeneration(username);
    let person: Person | undefined;
    try {
      person = await this.authenticate(username, password);
    } catch (error) {
      attempt.settle('not-checked');
      throw error;
    }
    attempt.settle(person === undefined ? 'failure' : 'success');
    if (person === undefined || generation === undefined) {
      throw new ProblemError(
        problem(ProblemType.unauthenticated, 401, 'Wrong username or password'),
      );
    }
    return this.tokens.issue(person, generation);
  }

  /** The person behind a username and password, if any; 503 when the hashing queue is full. */
  private async authenticate(username: string, password: string): Promise<Person | undefined> {
    try {
      return await this.users.authenticate(username, password);
    } catch (error) {
      if (!(error instanceof PasswordHashingBusyError)) throw error;
      throw new ProblemError(
        problem(
          ProblemType.overloaded,
          503,
          'Too many logins at once',
          'Try again in a few seconds',
        ),
        { 'retry-after': String(LOGIN_RETRY_AFTER_SECONDS) },
      );
    }
  }
}
