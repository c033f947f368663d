import type { FastifyInstance } from 'fastify';
import { isRefusal, type LoginThrottle } from '../../auth/login-throttle';
import { PasswordHashingBusyError } from '../../auth/password';
import { PERSON_ROLES, type Person } from '../../auth/person';
import type { TokenService } from '../../auth/tokens';
import { MAX_PASSWORD_LENGTH, type UserStore } from '../../auth/user-store';
import { problem, ProblemError, ProblemType } from '../../http/problem';
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

const loginBody = {
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
export function authRoutes(
  app: FastifyInstance,
  deps: { users: UserStore; tokens: TokenService; throttle: LoginThrottle },
): void {
  app.addSchema(personSchema);
  loginRoute(app, deps);
  meRoute(app);
  logoutRoute(app, deps);
}

type AuthDeps = { users: UserStore; tokens: TokenService; throttle: LoginThrottle };

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
      const attempt = deps.throttle.begin(username, request.ip);
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
      const generation = deps.users.tokenGeneration(username);
      let person: Person | undefined;
      try {
        person = await authenticate(deps.users, username, password);
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
      const issued = deps.tokens.issue(person, generation);
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

/**
 * The person behind a username and password, if any.
 * @throws {ProblemError} 503 with Retry-After when too many logins wait for
 *   their password to be hashed.
 */
async function authenticate(
  users: UserStore,
  username: string,
  password: string,
): Promise<Person | undefined> {
  try {
    return await users.authenticate(username, password);
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    throw new ProblemError(
      problem(ProblemType.overloaded, 503, 'Too many logins at once', 'Try again in a few seconds'),
      { 'retry-after': String(LOGIN_RETRY_AFTER_SECONDS) },
    );
  }
}

/** What a login refused in a flood is told to wait: a few hashes' time. */
const LOGIN_RETRY_AFTER_SECONDS = 2;
