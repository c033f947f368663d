import type { FastifyInstance } from 'fastify';
import type { PasswordLogin } from '../../auth/password-login';
import { PERSON_ROLES } from '../../auth/person';
import { MAX_PASSWORD_LENGTH, type UserStore } from '../../auth/user-store';
import { authorizePerson } from '../../http/access';
import { typed } from '../../http/typed-routes';

const problemSchema = { $ref: 'Problem#' } as const;

const personSchema = {
  $id: 'Person',
  type: 'object',
  description: 'Someone logged in',
  required: ['username', 'role', 'subjectId'],
  properties: {
    username: { type: 'string' },
    role: { enum: [...PERSON_ROLES] },
    subjectId: {
      type: ['string', 'null'],
      description:
        'The participant the login acts for (customer, store, retailer or manufacturer id); null for auditors and operators',
    },
  },
} as const;

/** A username and password: the token login's body and the web session's alike. */
export const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
  },
} as const;

const loginAnswer = {
  type: 'object',
  required: ['token', 'tokenType', 'expiresAt', 'person'],
  properties: {
    token: { type: 'string', description: 'A JWT to send as Authorization: Bearer <token>' },
    tokenType: { type: 'string', enum: ['Bearer'] },
    expiresAt: { type: 'string', format: 'date-time' },
    person: { $ref: 'Person#' },
  },
} as const;

/**
 * People's logins: a username and password for a short-lived token, who the
 * token says they are, and logging out (which revokes the login's tokens).
 */
export function authRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.addSchema(personSchema);
  loginRoute(app, deps);
  meRoute(app);
  logoutRoute(app, deps);
}

/** What the token routes need: the one way in, and the users whose tokens logging out revokes. */
export interface AuthDeps {
  readonly users: UserStore;
  readonly login: PasswordLogin;
}

function loginRoute(app: FastifyInstance, deps: AuthDeps): void {
  typed(app).post(
    '/v1/auth/login',
    {
      config: { access: 'login' },
      schema: {
        summary: 'Log in',
        description:
          'Exchanges a username and password for a login token. A wrong username and a wrong password get the same answer. After a few failed attempts for one username from one client address (or many from one address), further attempts from there wait a doubling back-off: 429 with Retry-After, without checking the password. Passwords are hashed one at a time; when 32 logins already wait, the answer is 503 with Retry-After.',
        tags: ['auth'],
        body: loginBody,
        response: {
          200: loginAnswer,
          '4xx': problemSchema,
          '5xx': problemSchema,
          // No security scheme (it is how one logs in), yet a wrong password is 401 and a back-off 429.
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const issued = await deps.login.logIn(username, password, request.ip);
      // RFC 6749 §5.1: a response carrying a token must not be cached.
      reply.header('cache-control', 'no-store');
      return {
        token: issued.token,
        tokenType: 'Bearer',
        expiresAt: issued.expiresAt,
        person: issued.person,
      };
    },
  );
}

function meRoute(app: FastifyInstance): void {
  app.get(
    '/v1/me',
    {
      config: { access: 'session' },
      schema: {
        summary: 'Who is logged in',
        tags: ['auth'],
        security: [{ personToken: [] }],
        response: { 200: { $ref: 'Person#' }, '4xx': problemSchema, '5xx': problemSchema },
      },
    },
    async (request) => authorizePerson(request, 'session'),
  );
}

function logoutRoute(app: FastifyInstance, deps: AuthDeps): void {
  app.post(
    '/v1/auth/logout',
    {
      config: { access: 'session' },
      schema: {
        summary: 'Log out',
        description:
          "Revokes every token of the caller's login, on every device, at once: each is refused with 401 from the next request on. Log in again for a new one.",
        tags: ['auth'],
        security: [{ personToken: [] }],
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
      return reply.code(204).send();
    },
  );
}
