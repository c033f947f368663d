import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem, ProblemError, ProblemType } from './problem';

/** What the limits are set to: requests a minute per caller. */
export interface RateLimits {
  readonly terminalRequestsPerMinute: number;
  readonly personRequestsPerMinute: number;
}

/** Callers remembered at once; far above any deployment's terminals and logins. */
const REMEMBERED_CALLERS = 100_000;

/**
 * Requests a minute per terminal API key and per login (all the login's
 * tokens count together, so logging in again gains nothing), counted in a
 * fixed one-minute window with `@fastify/rate-limit`. A caller over its
 * limit is answered 429 `rate-limited` with Retry-After, the seconds left
 * in its window; other callers are not affected. Anonymous requests are not
 * counted here: logins have their own back-off, and the rest are refused
 * 401 before they cost anything.
 *
 * Must be registered before the routes (it hooks each route as it is
 * added). The hook runs after the route's own `onRequest` hooks, so the
 * caller is known: `request.person` from the login hook, `request.terminal`
 * from the collector's key check; a request whose credential is refused
 * never reaches it.
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    cache: REMEMBERED_CALLERS,
    keyGenerator: (request) => callerKey(request) ?? '',
    allowList: (request) => callerKey(request) === undefined,
    max: (request) =>
      request.terminal !== undefined
        ? limits.terminalRequestsPerMinute
        : limits.personRequestsPerMinute,
    // The limit headers on 429 only: on every answer they would be work for the busiest routes.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const who = request.terminal !== undefined ? 'terminal key' : 'login';
      return new ProblemError(
        problem(
          ProblemType.rateLimited,
          429,
          'Too many requests',
          `more than ${context.max} requests a minute for this ${who}: try again in ${seconds} s`,
        ),
        { 'retry-after': String(seconds) },
      );
    },
  });
}

/** Whom a request is counted against: its terminal key or its login; none when anonymous. */
function callerKey(request: FastifyRequest): string | undefined {
  if (request.terminal !== undefined) return `terminal:${request.terminal.keyId}`;
  if (request.person !== undefined) return `login:${request.person.username}`;
  return undefined;
}
