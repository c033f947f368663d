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

/**
 * The ticket format's definitions that routes `$ref` (registered from
 * `format/ticket.schema.json` by `routes/tickets/format-schemas.ts`), as far
 * as their TypeScript type goes: each is a string. The patterns and lengths
 * that make them ids live in the schema file alone, which validates.
 */
type TicketDefinitions = [
  { $id: 'TicketShortId'; type: 'string' },
  { $id: 'TicketCustomerId'; type: 'string' },
];

/** The shared schemas a route may `$ref`. */
type References = [...typeof querySharedSchemas, ...TicketDefinitions];

type Typed<S> = S extends JSONSchema ? FromSchema<S, { references: References }> : unknown;

/** The TypeScript type of a value valid against schema `S` (which may `$ref` shared schemas). */
export type Schema<S> = Typed<S>;

/**
 * A proof document as the API declares it. The engines type their documents
 * loosely (a `kind`, a `format`, and fields by format); this is the one place
 * they are taken to be what the `ProofDocument` schema says, which the proof
 * tests and the fuzzer's response checks hold them to.
 */
export type ProofReply = Schema<{ $ref: 'ProofDocument#' }>;

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
