export { PERSON_ROLES, SUBJECT_ROLES, type Person, type PersonRole } from '../../access';
import type { Person } from '../../access';

/** A login name: lower case, so that `Alice` and `alice` cannot be two people. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carries a valid login token. */
    person?: Person;
  }
}
