/**
 * RFC 9457 problem details: every error the API returns, in one shape, with
 * the field-level errors of a refused ticket or request in `errors`.
 */

/** One bad field: a JSON pointer into the request body, the rule, and words for people. */
export interface FieldError {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** An `application/problem+json` body. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** True when `errors` was cut short: there were more than it lists. */
  readonly truncated?: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable problem types, one per kind of failure; the URI names it in the docs. */
export const ProblemType = {
  malformedRequest: 'malformed-request',
  invalidTicket: 'invalid-ticket',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not-found',
  /** 405: the path is served, with other methods (listed in `Allow`). */
  methodNotAllowed: 'method-not-allowed',
  conflict: 'conflict',
  unprocessable: 'unprocessable',
  /** 429: this caller (login, terminal key, client address) is over its own limit. */
  rateLimited: 'rate-limited',
  /** 503: the server as a whole is over a bound; anyone may be told so. */
  overloaded: 'overloaded',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

export type ProblemTypeName = (typeof ProblemType)[keyof typeof ProblemType];

/** Builds a problem body; `type` becomes a URI under the API's problem namespace. */
export function problem(
  type: ProblemTypeName,
  status: number,
  title: string,
  detail?: string,
  errors?: readonly FieldError[],
): Problem {
  return {
    type: `https://eter.dev/problems/${type}`,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
  };
}

/** An error a route throws to answer with a problem. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}
