import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { TokenService } from './tokens';
import type { UserStore } from './user-store';

/**
 * The web app's session: the very login token `POST /v1/auth/login` hands
 * out, kept in an httpOnly, SameSite=Strict cookie instead of script memory
 * (an EventSource cannot send an Authorization header). Revocation is the
 * token's own: logout, a password change or disabling the login move the
 * login's token generation on, and the cookie stops counting.
 *
 * CSRF: a request that changes state (anything but GET, HEAD, OPTIONS)
 * counts the cookie only when it also carries `X-CSRF-Token`, an HMAC of
 * the cookie's token that the app received when it logged in (or from
 * `GET /v1/auth/session`). A page on another site can make the browser
 * send the cookie (not with SameSite=Strict, but older browsers) yet can
 * neither read the token nor set the header.
 */

/** The session cookie's name. */
export const SESSION_COOKIE = 'eter_session';
/** The header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The login token of the session cookie, when the request was authenticated by it. */
    sessionToken?: string;
  }
}

/**
 * Sets `request.person` from the session cookie, for a request without an
 * Authorization header. A cookie that does not verify, was revoked, belongs
 * to a disabled login, or comes without its CSRF token on a state-changing
 * request is not an error: it is no session, and routes that need a person
 * answer 401 (the app then shows its login).
 */
export function authenticateSession(
  request: FastifyRequest,
  tokens: TokenService,
  users: Pick<UserStore, 'tokenGeneration'>,
): void {
  const token = sessionCookie(request);
  if (token === undefined || !TokenService.looksLikeToken(token)) return;
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, tokens.csrfToken(token))) return;
  let verified;
  try {
    verified = tokens.check(token);
  } catch {
    return;
  }
  if (users.tokenGeneration(verified.person.username) !== verified.generation) return;
  request.person = verified.person;
  request.sessionToken = token;
}

/** The session cookie's value, if the request carries one. */
export function sessionCookie(request: FastifyRequest): string | undefined {
  // RFC 6265 §5.4: `name=value` pairs separated by "; ". A token needs no decoding.
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = pair.trim().split('=', 2);
    if (name === SESSION_COOKIE && value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Sets the session cookie to `token` until `expiresAt`. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  reply.header('set-cookie', cookie(request, token, maxAge));
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookie(request, '', 0));
}

/** When a verified login token expires, from its `exp` claim (ISO 8601). */
export function tokenExpiry(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    exp: number;
  };
  return new Date(payload.exp * 1000).toISOString();
}

function cookie(request: FastifyRequest, value: string, maxAge: number): string {
  // Over plain HTTP (the local demo) a Secure cookie would never be sent back.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Strict${secure}`;
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
