import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../generated/api';

/** An RFC 9457 problem, as every error of the API is answered. */
export type Problem = components['schemas']['Problem'];

/** An answer of the API that is not a success, with its problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    /** Seconds to wait before trying again (Retry-After), when the API said. */
    readonly retryAfter: number | undefined = undefined,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** The session's CSRF token, sent on every request that changes state. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the API says the session is gone (expired, revoked): go to the login. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const SESSION_PATH = '/v1/auth/session';

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken !== null)
      request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    // The session routes answer 401 as part of logging in; elsewhere it means the session ended.
    if (response.status === 401 && new URL(request.url).pathname !== SESSION_PATH)
      onUnauthenticated();
    return response;
  },
};

/**
 * The API, typed from its own OpenAPI document (generated at build time,
 * docs/web.md). Same origin: the session cookie goes with every request,
 * and no token is ever in script reach.
 */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
});
api.use(session);

/**
 * The data of an openapi-fetch answer.
 * @throws {ApiError} when the API answered with a problem.
 */
export function dataOf<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data !== undefined && answer.response.ok) return answer.data;
  const retryAfter = Number(answer.response.headers.get('retry-after') ?? Number.NaN);
  throw new ApiError(
    answer.response.status,
    answer.error as Problem | undefined,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
  );
}
