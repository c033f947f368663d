import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { problem, ProblemError, ProblemType, type FieldError } from './problem';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks a request body against the JSON Schema its route documents, with
 * no coercion and no silent removal of unknown fields: a body that is not
 * exactly right is a 400 naming every bad field and the rule it broke.
 * (The server leaves bodies to the handlers, so that tickets are judged by
 * the ticket format's own rules; this is the same for other bodies.)
 * @throws {ProblemError} 400 malformed-request.
 */
export function checkBody<T>(schema: object, body: unknown): T {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(body)) return body as T;
  const errors = (validate.errors ?? []).map(toFieldError);
  throw new ProblemError(
    problem(ProblemType.malformedRequest, 400, 'The request body is malformed', undefined, errors),
  );
}

function toFieldError(error: ErrorObject): FieldError {
  let path = error.instancePath;
  if (error.keyword === 'required') path += `/${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') {
    path += `/${String(error.params.additionalProperty)}`;
  }
  return { path, rule: error.keyword, message: error.message ?? error.keyword };
}
