import type { FastifyInstance } from 'fastify';
import { ContractCallError, type Committed } from '../../../client/contract-client';
import { retryOnConflict } from '../../../client/conflict-retry';
import { authorizePerson, notFoundProblem } from '../../http/access';
import { ledgerCall, ledgerProblem } from '../../http/ledger-call';
import { personSecurity, problemRef, queryErrors } from '../../http/schemas';
import { typed } from '../../http/typed-routes';
import type { UserStore } from '../../auth/user-store';
import { ProblemError, problem, ProblemType } from '../../http/problem';
import type { QueryContext } from '../../query-context';
import { ErasureError } from '../../../ledger/embedded/erasure';
import { forgetErasedCustomer, newErasureId } from '../../../node/customer-erasure';
import {
  committed,
  customerBody,
  erasureAnswer,
  erasureBody,
  erasureParams,
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
export function participantRoutes(
  app: FastifyInstance,
  query: QueryContext,
  users: Pick<UserStore, 'deleteLoginsOf'>,
): void {
  for (const kind of Object.keys(KINDS) as KindPath[]) {
    listRoute(app, query, kind);
    statusRoute(app, query, kind);
  }
  registrationRoutes(app, query);
  erasureRoute(app, query, users);
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

/** The erasure route's schema: what it takes and every answer it gives. */
const erasureSchema = {
  summary: 'Erase a customer',
  description:
    "Deletes the values and salts of every ledger part naming the customer, records a signed erasure record (which does not name them), then removes them from the read model and deletes their logins. 404 when nothing names the customer (unknown, or erased already); 409 when the ledger holds a part it cannot erase (a version 1 record, a value that cannot be redacted) or a store, manufacturer or retailer has the same id; 422 when the reason or reference would name the customer; 501 on a Fabric ledger, which erases nothing. The answer never carries the customer's id.",
  tags: ['operator'],
  security: personSecurity,
  params: erasureParams,
  body: erasureBody,
  response: {
    200: erasureAnswer,
    ...queryErrors,
    409: problemRef,
    422: problemRef,
    501: problemRef,
  },
} as const;

/**
 * The erasure of a customer (docs/ledger.md#erasure-of-a-customer): the ledger deletes the values
 * and salts of every part naming them under a signed erasure record; once the read model has
 * projected that block, the customer's rows there and their logins go too (their tokens are
 * refused from the next request on), as `eter participants erase-customer` does. A customer with
 * nothing to erase is 404, whether never registered or erased already: nothing that names an
 * erased customer is kept, so the two cannot be told apart. One erasure at a time: each plans
 * from everything stored, and two of one customer would erase the same parts.
 */
function erasureRoute(
  app: FastifyInstance,
  query: QueryContext,
  users: Pick<UserStore, 'deleteLoginsOf'>,
): void {
  let queue: Promise<unknown> = Promise.resolve();
  typed(app).post(
    '/v1/participants/customers/:customerId/erasure',
    {
      config: { access: 'participants' },
      schema: erasureSchema,
    },
    async (request) => {
      authorizePerson(request, 'participants');
      const eraser = query.erasure;
      if (eraser === undefined) {
        throw new ProblemError(
          problem(
            ProblemType.unavailable,
            501,
            'Erasure is not available on this ledger engine',
            'Fabric keeps the values in its blocks: only the embedded ledger erases a customer',
          ),
        );
      }
      const { customerId } = request.params;
      const { reason, reference } = request.body;
      const named = (['reason', 'reference'] as const).filter((field) =>
        request.body[field]?.includes(customerId),
      );
      if (named.length > 0) throw namesCustomer(named);
      const other = otherParticipant(query, customerId);
      if (other !== undefined) {
        throw new ProblemError(
          problem(
            ProblemType.conflict,
            409,
            'Another participant has this id',
            `a ${other} has this id too: the erasure would withhold every key naming it, that ${other}'s as well`,
          ),
        );
      }
      const run = queue.then(() =>
        eraser.eraseCustomer(query.identities.operator, customerId, {
          erasureId: newErasureId(customerId),
          reason,
          ...(reference === undefined ? {} : { reference }),
        }),
      );
      queue = run.catch(() => undefined);
      let erased;
      try {
        erased = await run;
      } catch (error) {
        throw erasureProblem(error);
      }
      // Blocks before the erasure's, projected after the customer's rows were removed, would put
      // them back: remove them once the read model has the erasure's block.
      await query.projector.waitFor(erased.blockNumber);
      const logins = forgetErasedCustomer(customerId, {
        readModel: query.projector.readModel,
        users,
      });
      return {
        erasureId: erased.erasureId,
        txId: erased.txId,
        blockNumber: erased.blockNumber,
        parts: erased.parts,
        logins,
      };
    },
  );
}

/**
 * The kind of participant other than a customer that has `id` too, if any: the erasure withholds
 * every key with the id as an attribute (docs/ledger.md#which-parts-carry-a-customers-id), which
 * would erase that participant's records with the customer's.
 */
function otherParticipant(query: QueryContext, id: string): string | undefined {
  for (const kind of ['store', 'manufacturer'] as const) {
    if (query.participants.one(kind, id) !== undefined) return kind;
  }
  return query.participants.storesOf(id).length > 0 ? 'retailer' : undefined;
}

/** 422 naming the body's fields that contain the customer's id (the record must not name them). */
function namesCustomer(fields: readonly string[]): ProblemError {
  return new ProblemError(
    problem(
      ProblemType.unprocessable,
      422,
      'The erasure record would name the customer',
      undefined,
      fields.length === 0
        ? undefined
        : fields.map((field) => ({
            path: `/${field}`,
            rule: 'names-customer',
            message: "must not contain the customer's id",
          })),
    ),
  );
}

/** The problem for a refused erasure; other failures as for every ledger call. */
function erasureProblem(error: unknown): ProblemError {
  if (!(error instanceof ErasureError)) return ledgerProblem(error);
  switch (error.code) {
    case 'nothing-to-erase':
      return notFoundProblem('customer');
    case 'names-customer':
      // The fields were checked before: what is left is the record's own id (never, by design).
      return namesCustomer([]);
    default:
      return new ProblemError(
        problem(ProblemType.conflict, 409, 'The ledger cannot erase this customer', error.message),
      );
  }
}

/** What a change to the registry answers: where it was committed, and the record as it stands. */
function answer(tx: Committed<unknown>) {
  return {
    txId: tx.transactionId,
    blockNumber: tx.blockNumber,
    record: tx.value as Record<string, unknown>,
  };
}
