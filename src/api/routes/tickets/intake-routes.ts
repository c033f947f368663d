import { exampleTicket as formatExample } from '../../../format/fixtures';
import type { Ticket } from '../../../format';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CheckerBusyError,
  CheckerClosedError,
  type BodyChecker,
} from '../../body-check/body-checker';
import { batchEnvelope, type BodyKind, type CheckedBody } from '../../body-check/ticket-body';
import type { TicketValidation } from '../../../format';
import type { ServerMetrics } from '../../metrics';
import { problem, ProblemError, ProblemType, PROBLEM_CONTENT_TYPE } from '../../http/problem';
import { terminalAuthenticator } from '../../terminal-auth';
import type { TerminalKeyStore } from '../../terminal-keys';
import type { IntakeOutcome, TicketIntake } from '../../ticket-intake';

export { MAX_BATCH } from '../../body-check/ticket-body';

const receipt = {
  type: 'object',
  required: [
    'storeId',
    'ticketId',
    'txId',
    'blockNumber',
    'contentHash',
    'pointsAwarded',
    'pointsRedeemed',
    'pointsReversed',
    'recordedAt',
    'replayed',
  ],
  properties: {
    storeId: { type: 'string' },
    ticketId: { type: 'string' },
    txId: {
      type: 'string',
      description: 'Transaction that recorded the ticket (the original one on a repeat)',
    },
    blockNumber: { type: 'integer', description: 'Block holding that transaction' },
    contentHash: { type: 'string', description: 'SHA-256 of the RFC 8785 canonical ticket, hex' },
    pointsAwarded: { type: 'integer' },
    pointsRedeemed: { type: 'integer', description: 'Burned by a pointsRedeemed payment' },
    pointsReversed: { type: 'integer', description: 'Taken back from the returned sale' },
    recordedAt: { type: 'string', format: 'date-time' },
    replayed: { type: 'boolean', description: 'True when this exact ticket was recorded before' },
  },
} as const;

const problemSchema = { $ref: 'Problem#' } as const;

/**
 * A ticket that store-001 of the demo network (`eter seed`, `eter demo`) can
 * record: the document's example, which a client or a fuzzer may send as is
 * (201 the first time, 200 with the same receipt after).
 */
function exampleTicket(ticketId: string): Ticket {
  // The format's own example (docs/ticket-format.md), for a customer the demo registers.
  return { ...formatExample(), ticketId, customerId: 'cust-000001' };
}

/**
 * These routes take their body as bytes and check it on the checking
 * thread (`checked`), against the ticket format: its JSON Schema, then the
 * rules a schema cannot say (totals, check digits). Their schemas document
 * that body and are not run again here; they have no other part to check.
 */
const checkedOnTheCheckingThread = () => () => true;

/** What a checked body holds, by kind. */
interface Checked {
  ticket: TicketValidation;
  batch: TicketValidation[];
}

/**
 * The body's verdict from the checker, or the problem that answers the
 * request: 400 for a body that is not JSON or not a batch, 503 when the
 * checker is full or shutting down.
 */
async function checked<K extends BodyKind>(
  checker: BodyChecker,
  kind: K,
  request: FastifyRequest,
): Promise<Checked[K]> {
  // No body at all (no Content-Type, so no parser ran): nothing to check.
  if (!Buffer.isBuffer(request.body)) {
    const message = 'the body is required: send the ticket as application/json';
    throw new ProblemError(
      problem(ProblemType.malformedRequest, 400, 'The body is missing', message, [
        { path: '', rule: 'required', message },
      ]),
    );
  }
  let result: CheckedBody;
  try {
    result = await checker.check(kind, request.body as Buffer);
  } catch (error) {
    if (error instanceof CheckerBusyError) {
      throw new ProblemError(
        problem(ProblemType.overloaded, 503, 'Busy: retry shortly', error.message),
        { 'retry-after': '1' },
      );
    }
    if (error instanceof CheckerClosedError) {
      throw new ProblemError(problem(ProblemType.unavailable, 503, 'Shutting down'), {
        'retry-after': '5',
      });
    }
    throw error;
  }
  if (!result.verdict.ok) throw new ProblemError(result.verdict.problem);
  return result.verdict.value as Checked[K];
}

/**
 * The collector: ticket intake, one or a batch, for authenticated POS
 * terminals. Its bodies are taken as bytes and parsed by `checker` (off the
 * event loop when large), so the routes live in a scope of their own with
 * that content-type parser.
 */
export function ticketRoutes(
  app: FastifyInstance,
  deps: {
    intake: TicketIntake;
    keys: TerminalKeyStore;
    metrics: ServerMetrics;
    batchBodyLimit: number;
    checker: BodyChecker;
  },
): void {
  // At the start of a shutdown, so that bodies still waiting for a thread
  // are answered 503 at once rather than checked one after the other; the
  // server's close then waits for the requests in flight.
  app.addHook('preClose', (done) => {
    void deps.checker.close();
    done();
  });
  app.addHook('onClose', () => deps.checker.close());
  void app.register(async (scope) => collectorRoutes(scope, deps));
}

function collectorRoutes(app: FastifyInstance, deps: Parameters<typeof ticketRoutes>[1]): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  const authenticate = terminalAuthenticator(deps.keys);

  const answer = (reply: FastifyReply, outcome: IntakeOutcome, started: bigint) => {
    deps.metrics.recordIntake(outcome.status, started);
    if ('receipt' in outcome) return reply.code(outcome.status).send(outcome.receipt);
    if (outcome.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(outcome.retryAfterSeconds));
    return reply.code(outcome.status).type(PROBLEM_CONTENT_TYPE).send(outcome.problem);
  };
  oneTicketRoute(app, deps, authenticate, answer);
  batchRoute(app, deps, authenticate);
}

type Deps = Parameters<typeof ticketRoutes>[1];
type Authenticate = ReturnType<typeof terminalAuthenticator>;

function oneTicketRoute(
  app: FastifyInstance,
  deps: Deps,
  authenticate: Authenticate,
  answer: (reply: FastifyReply, outcome: IntakeOutcome, started: bigint) => FastifyReply,
): void {
  app.post(
    '/v1/tickets',
    {
      onRequest: authenticate,
      config: { access: 'ticket-intake' },
      validatorCompiler: checkedOnTheCheckingThread,
      schema: {
        summary: 'Record one ticket',
        description:
          'Validates the ticket against format v1 and records it on the ledger. Answers only once the block holding it is durably committed: 201 for a new ticket, 200 with the original receipt for an identical repeat, 409 for other content under the same ticket id.',
        tags: ['collector'],
        security: [{ terminalKey: [] }],
        // allOf: beside a bare $ref, @fastify/swagger drops the example.
        body: { allOf: [{ $ref: 'Ticket#' }], examples: [exampleTicket('0001-20261124-000123')] },
        response: {
          200: receipt,
          201: receipt,
          '4xx': problemSchema,
          '5xx': problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const started = process.hrtime.bigint();
      const validation = await checked(deps.checker, 'ticket', request);
      const outcome = await deps.intake.submit(validation, request.terminal!);
      return answer(reply, outcome, started);
    },
  );
}

function batchRoute(app: FastifyInstance, deps: Deps, authenticate: Authenticate): void {
  app.post(
    '/v1/tickets::batch',
    {
      onRequest: authenticate,
      config: { access: 'ticket-intake' },
      validatorCompiler: checkedOnTheCheckingThread,
      bodyLimit: deps.batchBodyLimit,
      schema: {
        summary: 'Record up to 1,000 tickets',
        description:
          'Each ticket is handled as by POST /v1/tickets and gets its own result, in order. The batch answers 200 once every ticket has its outcome.',
        tags: ['collector'],
        security: [{ terminalKey: [] }],
        body: {
          ...batchEnvelope,
          examples: [{ tickets: [exampleTicket('0001-20261124-000124')] }],
        },
        response: {
          200: {
            type: 'object',
            required: ['results'],
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['status'],
                  properties: { status: { type: 'integer' }, receipt, problem: problemSchema },
                },
              },
            },
          },
          '4xx': problemSchema,
          '5xx': problemSchema,
        },
      },
    },
    async (request, reply) => {
      const tickets = await checked(deps.checker, 'batch', request);
      const outcomes = await Promise.all(
        tickets.map(async (ticket) => {
          const started = process.hrtime.bigint();
          const outcome = await deps.intake.submit(ticket, request.terminal!);
          deps.metrics.recordIntake(outcome.status, started);
          return 'receipt' in outcome
            ? { status: outcome.status, receipt: outcome.receipt }
            : { status: outcome.status, problem: outcome.problem };
        }),
      );
      return reply.code(200).send({ results: outcomes });
    },
  );
}
