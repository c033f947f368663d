import type { FastifyRequest } from 'fastify';
import { problem, ProblemError, ProblemType } from '../http/problem';

export { PERSON_ROLES, SUBJECT_ROLES, type Person, type PersonRole } from '../../access';
import type { Person, PersonRole } from '../../access';

/** A login name: lower case, so that `Alice` and `alice` cannot be two people. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carries a valid login token. */
    person?: Person;
  }
}

/**
 * The person behind a request, who must hold one of `roles`.
 * @throws {ProblemError} 401 without a valid login token, 403 for another role.
 */
export function requirePerson(request: FastifyRequest, roles: readonly PersonRole[]): Person {
  const person = request.person;
  if (person === undefined) {
    throw new ProblemError(
      problem(
        ProblemType.unauthenticated,
        401,
        'Log in first',
        'send Authorization: Bearer <token>',
      ),
      { 'www-authenticate': 'Bearer realm="eter"' },
    );
  }
  if (!roles.includes(person.role)) {
    throw new ProblemError(
      problem(
        ProblemType.forbidden,
        403,
        'Not for this role',
        `this endpoint serves ${roles.join(', ')}`,
      ),
    );
  }
  return person;
}

/**
 * 404 for a resource that does not exist or is not the caller's: the two
 * answers are the same so that nothing leaks by existence.
 */
export function notFound(what: string): ProblemError {
  return new ProblemError(problem(ProblemType.notFound, 404, 'Not found', `no ${what}`));
}
