import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldErrors } from '../../format';
import type { AllowedMethods } from './allowed-methods';
import { problem, ProblemError, ProblemType, PROBLEM_CONTENT_TYPE, type Problem } from './problem';

/**
 * How every error becomes an answer: an RFC 9457 problem with the status
 * it stands for, whether a route threw it, Fastify met it parsing or
 * validating the request, or no route serves the request at all.
 */

/**
 * The router's limit on one path parameter, in characters: longer than any
 * parameter's schema allows, and small enough that matching stays cheap.
 */
export const MAX_PATH_PARAMETER = 100;

/** The error handler and the not-found handler; `serves` says which requests the web app answers. */
export function registerErrorAnswers(
  app: FastifyInstance,
  allowed: AllowedMethods,
  web:
    | { serves(request: FastifyRequest): boolean; sendIndex(reply: FastifyReply): unknown }
    | undefined,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      return reply
        .code(error.problem.status)
        .headers(error.headers)
        .type(PROBLEM_CONTENT_TYPE)
        .send(error.problem);
    }
    const known = fastifyProblem(error);
    if (known !== undefined) return reply.code(known.status).type(PROBLEM_CONTENT_TYPE).send(known);
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem(ProblemType.internal, 500, 'Internal error', `request ${request.id}`));
  });
  app.setNotFoundHandler((request, reply) => {
    if (web?.serves(request) === true) return web.sendIndex(reply);
    throw notServed(request.method, request.url, allowed);
  });
}

/** Errors met before routing (a URL that does not decode), as problems with their own status. */
export function answerFrameworkError(error: FastifyError, raw: unknown): void {
  const answer =
    fastifyProblem(error) ??
    problem(ProblemType.malformedRequest, error.statusCode ?? 400, error.message);
  void (raw as FastifyReply).code(answer.status).type(PROBLEM_CONTENT_TYPE).send(answer);
}

/**
 * Fastify's own request errors (unparseable JSON, body too large...) as
 * problems; any other error of the framework keeps its 4xx status.
 */
function fastifyProblem(error: FastifyError): Problem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(ProblemType.malformedRequest, 413, 'Request body too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(ProblemType.malformedRequest, 415, 'Send application/json', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(ProblemType.malformedRequest, 400, 'The body is not JSON', error.message, [
        { path: '', rule: 'json', message: error.message },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // Every path parameter's schema is shorter than the router's limit, so
      // a parameter past it breaks its schema: 400 like any other, not 414.
      return problem(ProblemType.malformedRequest, 400, 'The request is invalid', error.message, [
        {
          path: '',
          rule: 'maxLength',
          message: `A path parameter is longer than ${MAX_PATH_PARAMETER} characters`,
        },
      ]);
  }
  if (error.statusCode === 400 && error.name === 'SyntaxError') {
    return problem(ProblemType.malformedRequest, 400, 'The body is not JSON', error.message, [
      { path: '', rule: 'json', message: error.message },
    ]);
  }
  if (error.validation !== undefined) {
    return problem(
      ProblemType.malformedRequest,
      400,
      error.validationContext === 'body'
        ? 'The request body is malformed'
        : 'The request is invalid',
      `in the ${error.validationContext ?? 'request'}`,
      fieldErrors(error.validation as never),
    );
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && error.code?.startsWith('FST_'))
    return problem(ProblemType.malformedRequest, status, 'The request is refused', error.message);
  return undefined;
}

/**
 * The answer to a request no route serves: 405 with `Allow` when the path is
 * served with other methods, 404 when it is not served at all.
 */
export function notServed(method: string, url: string, allowed: AllowedMethods): ProblemError {
  const path = url.split('?', 1)[0]!;
  const methods = allowed.for(path);
  if (methods.length > 0) {
    return new ProblemError(
      problem(
        ProblemType.methodNotAllowed,
        405,
        'Method not allowed',
        `${method} is not served on ${path}; allowed: ${methods.join(', ')}`,
      ),
      { allow: methods.join(', ') },
    );
  }
  return new ProblemError(problem(ProblemType.notFound, 404, 'Not found', `${method} ${url}`));
}
