import type { FastifyInstance } from 'fastify';
import { problem, ProblemError, ProblemType } from '../http/problem';
import { authenticateSession } from './session-cookie';
import { InvalidTokenError, TokenService } from './tokens';
import type { UserStore } from './user-store';

/**
 * Sets `request.person` from a login token in `Authorization: Bearer`, on
 * every route. A credential that is not shaped like a JWT (a terminal's
 * `eter_…` key) is left to the collector's own check; no credential at all
 * is left to the access policy (`http/access.ts`), so public routes stay public. A JWT that does
 * not verify, whose login has since been disabled, or which has been
 * revoked (logout, password change: the login's token generation moved
 * on), is answered 401 at once (RFC 6750 `invalid_token`), whatever the
 * route. Without an Authorization header, the web app's session cookie
 * is looked at instead (auth/session-cookie.ts).
 */
export function registerPersonAuth(
  app: FastifyInstance,
  tokens: TokenService,
  users: Pick<UserStore, 'tokenGeneration'>,
): void {
  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization === undefined) {
      authenticateSession(request, tokens, users);
      return;
    }
    const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
    if (match === null || !TokenService.looksLikeToken(match[1]!)) return;
    let verified;
    try {
      verified = tokens.check(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw invalidToken(error.message);
      throw error;
    }
    // One indexed read per request: what makes revoking a token take effect before it expires.
    const generation = users.tokenGeneration(verified.person.username);
    if (generation === undefined) throw invalidToken('the login is disabled');
    if (generation !== verified.generation)
      throw invalidToken('the token has been revoked: log in again');
    request.person = verified.person;
  });
}

function invalidToken(description: string): ProblemError {
  return new ProblemError(
    problem(ProblemType.unauthenticated, 401, 'Invalid login token', description),
    {
      'www-authenticate': `Bearer realm="eter", error="invalid_token", error_description="${description}"`,
    },
  );
}
