/**
 * Routes typed by their own schemas: a route's params, query, body and
 * replies get their TypeScript types from the JSON Schemas it declares
 * (json-schema-to-ts), so that the schema Fastify validates with, the one
 * `/openapi.json` publishes and the type the handler reads are one thing.
 * Shared schemas referenced by `$ref` are resolved too.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { querySharedSchemas } from './schemas';

/** The shared schemas a route may `$ref`. */
type References = [...typeof querySharedSchemas];

type Typed<S> = S extends JSONSchema ? FromSchema<S, { references: References }> : unknown;

/**
 * A reply as its schema describes it, read-only all the way down (it may be
 * built from the domain's read-only records) and without the index
 * signature an open object schema implies: the serializer writes the
 * declared fields only, so a reply may hold more, and those are never sent.
 */
type Reply<T> = T extends (infer E)[]
  ? readonly Reply<E>[]
  : T extends object
    ? { readonly [K in keyof T as string extends K ? never : K]: Reply<T[K]> }
    : T;

/**
 * @fastify/type-provider-json-schema-to-ts, with replies typed as {@link Reply}.
 */
interface Provider extends FastifyTypeProvider {
  validator: Typed<this['schema']>;
  serializer: Reply<Typed<this['schema']>>;
}

/** The server as routes see it: every route's types come from its schemas. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  Provider
>;

/** `app`, with route types drawn from route schemas. */
export function typed(app: FastifyInstance): TypedApp {
  return app.withTypeProvider<Provider>();
}
