import { ApiError } from '../../lib/api-client';

/**
 * Whether an answer means "not yours to see": the API answers 404 for
 * another's resource (as for one that does not exist) and 403 for a role
 * the resource is not for. Either way the app shows its not-found page.
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}
