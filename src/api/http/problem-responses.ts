import type { FastifyInstance, RouteOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Declares, on every route as it is added, the problem answers it can give,
 * each status on its own and as `application/problem+json` (what the error
 * handler sends), so that the OpenAPI document and Fastify's serializer both
 * say what the wire carries. Routes write `'4xx'`/`'5xx'` for "the usual
 * problems" and list their own statuses (409, 422, 501...) explicitly; this
 * turns both into explicit problem responses.
 */

/** Why each status comes, as the document shows it. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Malformed request: each bad field named in `errors`',
  401: 'No valid credential',
  403: "The caller's role does not serve this route, or another store's resource",
  404: 'Not found (a foreign id alike), or a method no route serves',
  409: 'Conflicts with what the ledger holds',
  413: 'Request body too large',
  415: 'Send application/json',
  422: 'Refused by a rule, named in `errors`',
  429: 'Over this caller’s own limit: retry after `Retry-After`',
  500: 'Internal error',
  501: 'Not served by this ledger engine',
  503: 'Overloaded or shutting down: retry after `Retry-After`',
};

const PROBLEM_REF = 'Problem#';

function isProblemRef(schema: unknown): boolean {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    (schema as { $ref?: unknown }).$ref === PROBLEM_REF
  );
}

/** One problem response as Fastify and @fastify/swagger read it. */
export function problemResponse(status: number): Record<string, unknown> {
  return {
    description: REASONS[status] ?? 'RFC 9457 problem details',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } },
  };
}

/** The statuses the server's common machinery can answer on this route. */
function commonStatuses(route: RouteOptions, hasSecurity: boolean): number[] {
  const methods = [route.method].flat();
  const statuses = [400, 404, 500, 503];
  if (hasSecurity) statuses.push(401, 403, 429);
  if (methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH')) statuses.push(413, 415);
  return statuses;
}

/** Adds the hook; call before any route is registered. */
export function declareProblemResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      | (Record<string, unknown> & { response?: Record<string, unknown>; security?: unknown[] })
      | undefined;
    if (schema?.response === undefined) return;
    const response: Record<string, unknown> = {};
    let usual = false;
    for (const [code, answer] of Object.entries(schema.response)) {
      if (code === '4xx' || code === '5xx') {
        usual = true;
        continue;
      }
      response[code] = isProblemRef(answer) ? problemResponse(Number(code)) : answer;
    }
    if (usual) {
      const hasSecurity = Array.isArray(schema.security) && schema.security.length > 0;
      for (const status of commonStatuses(route, hasSecurity)) {
        response[String(status)] ??= problemResponse(status);
      }
    }
    route.schema = { ...schema, response } as RouteOptions['schema'];
  });
}
