import type { FastifyInstance } from 'fastify';
import { ContractCallError, type Committed } from '../../../client/contract-client';
import { retryOnConflict } from '../../../client/conflict-retry';
import { authorizePerson, notFoundProblem } from '../../http/access';
import { ledgerCall, ledgerProblem } from '../../http/ledger-call';
import { personSecurity, problemRef, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import type { QueryContext } from '../../query-context';
import {
  committed,
  customerBody,
  KINDS,
  listQuery,
  manufacturerBody,
  participantPage,
  statusBody,
  statusParams,
  storeBody,
  type KindPath,
} from './schemas';

const registration = {
  description:
    'Recorded on the ledger; answers once committed. Bad fields are named (400), an id in use is 409.',
  tags: ['operator'],
  security: personSecurity,
  response: { 201: committed, ...queryErrors, 409: problemRef, 422: problemRef },
} as const;

/**
 * The operator's participant management. Registrations go to the ledger
 * (the contract validates them again and names bad fields); lists come from
 * the read model. One route a kind rather than `/:kind`: a templated path
 * beside concrete ones is ambiguous in OpenAPI (a client matches the
 * concrete path first and would not find the other).
 */
export function participantRoutes(app: FastifyInstance, query: QueryContext): void {
  for (const kind of Object.keys(KINDS) as KindPath[]) {
    listRoute(app, query, kind);
    statusRoute(app, query, kind);
  }
  registrationRoutes(app, query);
}

function listRoute(app: FastifyInstance, query: QueryContext, kind: KindPath): void {
  typed(app).get(
    `/v1/participants/${kind}`,
    {
      config: { access: 'participants' },
      schema: {
        summary: `Registered ${kind}`,
        tags: ['operator'],
        security: personSecurity,
        querystring: listQuery,
        response: { 200: participantPage, ...queryErrors },
      },
    },
    async (request) => {
      authorizePerson(request, 'participants');
      const { after, limit } = request.query;
      return { participants: query.participants.list(KINDS[kind], after, limit) };
    },
  );
}

function registrationRoutes(app: FastifyInstance, query: QueryContext): void {
  const operator = query.identities.operator;

  typed(app).post(
    '/v1/participants/stores',
    {
      config: { access: 'participants' },
      schema: { ...registration, summary: 'Register a store', body: storeBody },
    },
    async (request, reply) => {
      authorizePerson(request, 'participants');
      const tx = await ledgerCall(() => query.client.registerStore(operator, request.body));
      return reply.code(201).send(answer(tx));
    },
  );
  typed(app).post(
    '/v1/participants/manufacturers',
    {
      config: { access: 'participants' },
      schema: {
        ...registration,
        summary: 'Register a manufacturer and its GS1 prefixes',
        body: manufacturerBody,
      },
    },
    async (request, reply) => {
      authorizePerson(request, 'participants');
      const tx = await ledgerCall(() => query.client.registerManufacturer(operator, request.body));
      return reply.code(201).send(answer(tx));
    },
  );
  typed(app).post(
    '/v1/participants/customers',
    {
      config: { access: 'participants' },
      schema: {
        ...registration,
        summary: 'Register a loyalty customer (pseudonymous id)',
        body: customerBody,
      },
    },
    async (request, reply) => {
      authorizePerson(request, 'participants');
      const tx = await ledgerCall(() => query.client.registerCustomer(operator, request.body));
      return reply.code(201).send(answer(tx));
    },
  );
}

function statusRoute(app: FastifyInstance, query: QueryContext, kind: KindPath): void {
  typed(app).put(
    `/v1/participants/${kind}/:id/status`,
    {
      config: { access: 'participants' },
      schema: {
        summary: `Suspend or reinstate one of the ${kind}`,
        tags: ['operator'],
        security: personSecurity,
        params: statusParams,
        body: statusBody,
        response: { 200: committed, ...queryErrors, 409: problemRef, 422: problemRef },
      },
    },
    async (request) => {
      authorizePerson(request, 'participants');
      const { id } = request.params;
      let tx: Committed<unknown>;
      try {
        tx = await retryOnConflict(() =>
          query.client.setParticipantStatus(query.identities.operator, {
            kind: KINDS[kind],
            id,
            status: request.body.status,
          }),
        );
      } catch (error) {
        // The id is the path's resource: one the ledger does not hold is 404, as on every route.
        if (error instanceof ContractCallError && error.code === 'NOT_FOUND') {
          throw notFoundProblem(KINDS[kind]);
        }
        throw ledgerProblem(error);
      }
      return answer(tx);
    },
  );
}

/** What a change to the registry answers: where it was committed, and the record as it stands. */
function answer(tx: Committed<unknown>) {
  return {
    txId: tx.transactionId,
    blockNumber: tx.blockNumber,
    record: tx.value as Record<string, unknown>,
  };
}
