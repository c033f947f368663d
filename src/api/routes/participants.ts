import type { FastifyInstance } from 'fastify';
import type { Committed } from '../../client/contract-client';
import { requirePerson } from '../auth/person';
import type { QueryContext } from '../query-context';
import { ledgerCall } from '../ledger-call';
import { idParam, personSecurity, problemRef, queryErrors } from './query-schemas';

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

  app.get<{ Params: { kind: KindPath }; Querystring: { after: string; limit: number } }>(
    '/v1/participants/:kind',
    {
      schema: {
        summary: 'Registered stores, manufacturers or customers',
        tags: ['operator'],
        security: personSecurity,
        params: { type: 'object', properties: { kind: { enum: Object.keys(KINDS) } } },
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
      return { participants: query.participants.list(KINDS[request.params.kind], after, limit) };
    },
  );

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
          response: { 201: committedSchema, ...queryErrors, 409: problemRef, 422: problemRef },
        },
      },
      async (request, reply) => {
        requirePerson(request, ['operator']);
        const tx = await ledgerCall(() => call(request.body));
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

  app.put<{ Params: { kind: KindPath; id: string }; Body: unknown }>(
    '/v1/participants/:kind/:id/status',
    {
      schema: {
        summary: 'Suspend or reinstate a participant',
        tags: ['operator'],
        security: personSecurity,
        params: {
          type: 'object',
          properties: { kind: { enum: Object.keys(KINDS) }, id: idParam },
        },
        response: { 200: committedSchema, ...queryErrors, 409: problemRef, 422: problemRef },
      },
    },
    async (request) => {
      requirePerson(request, ['operator']);
      const body = request.body as { status?: unknown } | null;
      const tx = await ledgerCall(() =>
        query.client.setParticipantStatus(operator, {
          kind: KINDS[request.params.kind],
          id: request.params.id,
          status: body?.status as 'active',
        }),
      );
      return { txId: tx.transactionId, blockNumber: tx.blockNumber, record: tx.value };
    },
  );
}
