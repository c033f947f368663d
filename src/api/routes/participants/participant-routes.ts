import type { FastifyInstance } from 'fastify';
import { ContractCallError, type Committed } from '../../../client/contract-client';
import { notFound, requirePerson } from '../../auth/person';
import type { QueryContext } from '../../query-context';
import { checkBody } from '../../http/body-schema';
import { ledgerCall, ledgerProblem } from '../../http/ledger-call';
import { retryOnConflict } from '../../../client/conflict-retry';
import { personSecurity, problemRef, queryErrors } from '../../http/schemas';

const KINDS = { stores: 'store', manufacturers: 'manufacturer', customers: 'customer' } as const;
type KindPath = keyof typeof KINDS;

const participantSchema = {
  type: 'object',
  required: ['kind', 'id', 'name', 'status', 'registeredAt', 'record'],
  properties: {
    kind: { type: 'string' },
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    status: { type: 'string' },
    registeredAt: { type: 'string' },
    record: { type: 'object', additionalProperties: true },
  },
} as const;

/** Ids as the contract takes them: the ticket format's short id and customer id. */
const shortId = {
  type: 'string',
  minLength: 1,
  maxLength: 32,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
};
const customerId = {
  type: 'string',
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$',
};
const name = { type: 'string', minLength: 1, maxLength: 120 };

/**
 * The registration bodies, as the contract's requests (src/contract/requests.ts)
 * define them: checked here too, so that a body that is not exactly right is
 * a 400 naming each field, as on every other route, before the ledger is asked.
 */
const bodies = {
  stores: {
    type: 'object',
    additionalProperties: false,
    required: ['storeId', 'name', 'mspId'],
    properties: {
      storeId: shortId,
      name,
      mspId: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      },
      retailerId: { ...shortId, description: 'The retailer (chain); default: the storeId' },
      pointsRateBp: { type: 'integer', minimum: 0, maximum: 10_000 },
    },
  },
  manufacturers: {
    type: 'object',
    additionalProperties: false,
    required: ['manufacturerId', 'name', 'prefixes'],
    properties: {
      manufacturerId: shortId,
      name,
      prefixes: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9]{4,12}$' },
      },
    },
  },
  customers: {
    type: 'object',
    additionalProperties: false,
    required: ['customerId'],
    properties: { customerId },
  },
} as const;

const statusBody = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { enum: ['active', 'suspended'] } },
} as const;

const committedSchema = {
  type: 'object',
  required: ['txId', 'blockNumber', 'record'],
  properties: {
    txId: { type: 'string' },
    blockNumber: { type: 'integer' },
    record: { type: 'object', additionalProperties: true },
  },
} as const;

/**
 * The operator's participant management. Registrations go to the ledger
 * (the contract validates them and names bad fields); lists come from the
 * read model.
 */
export function participantRoutes(app: FastifyInstance, query: QueryContext): void {
  const operator = query.identities.operator;

  // One route a kind rather than `/:kind`: the POST routes use the same
  // paths, and a templated path beside concrete ones is ambiguous in OpenAPI
  // (a client matches the concrete path first and would not find the GET).
  for (const kind of Object.keys(KINDS) as KindPath[]) {
    app.get<{ Querystring: { after: string; limit: number } }>(
      `/v1/participants/${kind}`,
      {
        schema: {
          summary: `Registered ${kind}`,
          tags: ['operator'],
          security: personSecurity,
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              after: { type: 'string', maxLength: 64, default: '' },
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            },
          },
          response: {
            200: {
              type: 'object',
              required: ['participants'],
              properties: { participants: { type: 'array', items: participantSchema } },
            },
            ...queryErrors,
          },
        },
      },
      async (request) => {
        requirePerson(request, ['operator']);
        const { after, limit } = request.query;
        return { participants: query.participants.list(KINDS[kind], after, limit) };
      },
    );
  }

  const register = (
    path: KindPath,
    summary: string,
    call: (body: unknown) => Promise<Committed<unknown>>,
  ) =>
    app.post(
      `/v1/participants/${path}`,
      {
        schema: {
          summary,
          description:
            'Recorded on the ledger; answers once committed. Bad fields are named (400), an id in use is 409.',
          tags: ['operator'],
          security: personSecurity,
          body: bodies[path],
          response: { 201: committedSchema, ...queryErrors, 409: problemRef, 422: problemRef },
        },
      },
      async (request, reply) => {
        requirePerson(request, ['operator']);
        const body = checkBody<unknown>(bodies[path], request.body);
        const tx = await ledgerCall(() => call(body));
        return reply
          .code(201)
          .send({ txId: tx.transactionId, blockNumber: tx.blockNumber, record: tx.value });
      },
    );
  register('stores', 'Register a store', (body) =>
    query.client.registerStore(operator, body as never),
  );
  register('manufacturers', 'Register a manufacturer and its GS1 prefixes', (body) =>
    query.client.registerManufacturer(operator, body as never),
  );
  register('customers', 'Register a loyalty customer (pseudonymous id)', (body) =>
    query.client.registerCustomer(operator, body as never),
  );

  // One route a kind, like the lists: the contract takes a short id for each.
  for (const kind of Object.keys(KINDS) as KindPath[]) {
    app.put<{ Params: { id: string }; Body: unknown }>(
      `/v1/participants/${kind}/:id/status`,
      {
        schema: {
          summary: `Suspend or reinstate one of the ${kind}`,
          tags: ['operator'],
          security: personSecurity,
          params: { type: 'object', properties: { id: shortId } },
          body: statusBody,
          response: { 200: committedSchema, ...queryErrors, 409: problemRef, 422: problemRef },
        },
      },
      async (request) => {
        requirePerson(request, ['operator']);
        const { status } = checkBody<{ status: 'active' | 'suspended' }>(statusBody, request.body);
        let tx: Committed<unknown>;
        try {
          tx = await retryOnConflict(() =>
            query.client.setParticipantStatus(operator, {
              kind: KINDS[kind],
              id: request.params.id,
              status,
            }),
          );
        } catch (error) {
          // The id is the path's resource: one the ledger does not hold is 404, as on every route.
          if (error instanceof ContractCallError && error.code === 'NOT_FOUND') {
            throw notFound(`such ${KINDS[kind]}`);
          }
          throw ledgerProblem(error);
        }
        return { txId: tx.transactionId, blockNumber: tx.blockNumber, record: tx.value };
      },
    );
  }
}
