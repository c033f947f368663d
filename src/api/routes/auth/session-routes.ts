import type { FastifyInstance } from 'fastify';
import { PERSON_ROLES, type PersonRole } from '../../auth/person';
import { authorizePerson } from '../../http/access';
import { typed } from '../../http/typed-routes';
import { loginBody } from './auth-routes';
import {
  clearSessionCookie,
  CSRF_HEADER,
  setSessionCookie,
  SESSION_COOKIE,
  tokenExpiry,
} from '../../auth/session-cookie';
import type { PasswordLogin } from '../../auth/password-login';
import type { TokenService } from '../../auth/tokens';
import type { UserStore } from '../../auth/user-store';

/** A login offered on the demo's login page (its password is the demo's shared one). */
export interface DemoLogin {
  readonly username: string;
  readonly role: PersonRole;
  /** What the login sees, in English. */
  readonly sees: string;
}

/** The demo's logins and their shared password, when the server runs `eter demo`. */
export interface DemoLogins {
  readonly password: string;
  readonly logins: readonly DemoLogin[];
}

const problemSchema = { $ref: 'Problem#' } as const;

const sessionAnswer = {
  type: 'object',
  required: ['person', 'expiresAt', 'csrfToken'],
  properties: {
    person: { $ref: 'Person#' },
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the session ends; log in again after it',
    },
    csrfToken: {
      type: ['string', 'null'],
      description: `Send as ${CSRF_HEADER} on every request that changes state (anything but GET); null when the caller used a bearer token rather than the session cookie`,
    },
  },
} as const;

const sessionSecurity: Array<Record<string, string[]>> = [
  { sessionCookie: [] },
  { personToken: [] },
];

/**
 * The web app's session: log in (the answer sets the cookie), who the
 * session is, and log out; and, in the demo, the logins its login page offers.
 */
export function sessionRoutes(app: FastifyInstance, deps: SessionDeps): void {
  loginRoute(app, deps);
  sessionRoute(app, deps);
  logoutRoute(app, deps);
  demoLoginsRoute(app, deps);
}

/** What the session routes need. */
interface SessionDeps {
  readonly users: UserStore;
  readonly tokens: TokenService;
  /** The token login's own way in: one back-off and the same answers for both. */
  readonly login: PasswordLogin;
  readonly demo?: DemoLogins;
}

function loginRoute(app: FastifyInstance, deps: SessionDeps): void {
  typed(app).post(
    '/v1/auth/session',
    {
      config: { access: 'login' },
      schema: {
        summary: 'Log in to the web app',
        description: `What POST /v1/auth/login does (the same checks, back-off and answers on failure), except that the login token is set as the httpOnly, SameSite=Strict cookie ${SESSION_COOKIE} instead of being returned; the answer carries the CSRF token to send as ${CSRF_HEADER} on state-changing requests.`,
        tags: ['auth'],
        body: loginBody,
        response: {
          200: sessionAnswer,
          '4xx': problemSchema,
          '5xx': problemSchema,
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const issued = await deps.login.logIn(username, password, request.ip);
      setSessionCookie(request, reply, issued.token, issued.expiresAt);
      reply.header('cache-control', 'no-store');
      return {
        person: issued.person,
        expiresAt: issued.expiresAt,
        csrfToken: deps.tokens.csrfToken(issued.token),
      };
    },
  );
}

function sessionRoute(app: FastifyInstance, deps: SessionDeps): void {
  typed(app).get(
    '/v1/auth/session',
    {
      config: { access: 'session' },
      schema: {
        summary: 'The current session',
        description:
          'Who is logged in, until when, and the CSRF token of the session cookie; 401 when there is no session (the app shows its login).',
        tags: ['auth'],
        security: sessionSecurity,
        response: { 200: sessionAnswer, '4xx': problemSchema, '5xx': problemSchema },
      },
    },
    async (request, reply) => {
      const person = authorizePerson(request, 'session');
      reply.header('cache-control', 'no-store');
      const token = request.sessionToken;
      return {
        person,
        expiresAt: tokenExpiry(token ?? bearerToken(request.headers.authorization)),
        csrfToken: token === undefined ? null : deps.tokens.csrfToken(token),
      };
    },
  );
}

function logoutRoute(app: FastifyInstance, deps: SessionDeps): void {
  typed(app).delete(
    '/v1/auth/session',
    {
      config: { access: 'session' },
      schema: {
        summary: 'Log out of the web app',
        description: `Revokes every token and session of the caller's login, as POST /v1/auth/logout does, and clears the cookie. With the cookie, ${CSRF_HEADER} is required.`,
        tags: ['auth'],
        security: sessionSecurity,
        response: {
          204: { type: 'null', description: 'Logged out' },
          '4xx': problemSchema,
          '5xx': problemSchema,
        },
      },
    },
    async (request, reply) => {
      const person = authorizePerson(request, 'session');
      deps.users.revokeTokens(person.username);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );
}

function demoLoginsRoute(app: FastifyInstance, deps: SessionDeps): void {
  typed(app).get(
    '/v1/auth/demo-logins',
    {
      config: { access: 'login' },
      schema: {
        summary: 'Demo logins',
        description:
          'The logins `eter demo` creates and their shared password, for its login page; an empty list and a null password on any other server.',
        tags: ['auth'],
        response: {
          200: {
            type: 'object',
            required: ['password', 'logins'],
            properties: {
              password: { type: ['string', 'null'] },
              logins: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['username', 'role', 'sees'],
                  properties: {
                    username: { type: 'string' },
                    role: { enum: [...PERSON_ROLES] },
                    sees: { type: 'string' },
                  },
                },
              },
            },
          },
          '4xx': problemSchema,
          '5xx': problemSchema,
        },
      },
    },
    async () => ({
      password: deps.demo?.password ?? null,
      logins: deps.demo?.logins ?? [],
    }),
  );
}

function bearerToken(authorization: string | undefined): string {
  return /^Bearer (\S+)$/i.exec(authorization ?? '')![1]!;
}
