import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AccessPolicy } from '../access';
import type { ContractClient } from '../client/contract-client';
import { fieldErrors, newSchemaEngine, schemaEngine } from '../format';
import type { Identity } from '../ledger/gateway';
import { registerPersonAuth } from './auth/login-hook';
import { PasswordLogin } from './auth/password-login';
import { LoginThrottle } from './auth/login-throttle';
import { sessionRoutes, type DemoLogins } from './routes/auth/session-routes';
import type { TokenService } from './auth/tokens';
import type { UserStore } from './auth/user-store';
import { registerAccessPolicy } from './http/access';
import { AllowedMethods } from './http/allowed-methods';
import { clientErrorHandler } from './http/client-errors';
import type { ServerConfig } from './config';
import { ServerMetrics } from './metrics';
import { ticketSharedSchemas } from './routes/tickets/format-schemas';
import { addLinks } from './http/openapi-links';
import { declareProblemResponses } from './http/problem-responses';
import {
  problem,
  ProblemError,
  ProblemType,
  PROBLEM_CONTENT_TYPE,
  type Problem,
} from './http/problem';
import { registerRateLimits } from './http/rate-limits';
import type { QueryContext } from './query-context';
import { authRoutes } from './routes/auth/auth-routes';
import { ledgerRoutes } from './routes/ledger/ledger-routes';
import { participantRoutes } from './routes/participants/participant-routes';
import { queryPointsRoutes } from './routes/points/balance-routes';
import { grantRoutes } from './routes/points/grant-routes';
import { transferRoutes } from './routes/points/transfer-routes';
import { returnableRoutes } from './routes/tickets/returnable-routes';
import { customerLotRoutes } from './routes/points/lot-routes';
import { queryStoreSalesRoutes } from './routes/sales/store-sales-routes';
import { redemptionRoutes } from './routes/points/redemption-routes';
import { KeyedSerializer } from './http/keyed-serializer';
import { querySalesRoutes } from './routes/sales/manufacturer-sales-routes';
import { saleLinesRoutes } from './routes/sales/sale-lines-routes';
import { querySharedSchemas } from './http/schemas';
import { queryTicketRoutes } from './routes/tickets/query-routes';
import { streamRoutes, streamSharedSchemas } from './routes/streams/stream-routes';
import { healthRoutes } from './routes/health/health-routes';
import { ticketRoutes } from './routes/tickets/intake-routes';
import type { TerminalKeyStore } from './terminal-keys';
import { Slots } from './slots';
import { StreamQuota } from './routes/streams/stream-quota';
import { BodyChecker, INLINE_BODY_BYTES } from './body-check/body-checker';
import { TicketIntake } from './ticket-intake';
import { newWebApp, registerSecurityHeaders, registerWebApp } from './web-app';

/** One registered route. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** The resource kind the route serves, in the access policy's terms (`config.access`). */
  readonly access: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the server registered, in order. */
    routeCatalog: readonly RouteEntry[];
  }
}

/** What the server is built from: it reaches the ledger only through the client's gateway. */
export interface ServerDependencies {
  readonly config: ServerConfig;
  readonly client: ContractClient;
  readonly keys: TerminalKeyStore;
  /** People's logins (off the ledger, in the access database). */
  readonly users: UserStore;
  /** Issues and checks people's login tokens. */
  readonly tokens: TokenService;
  /** Ledger identities the server acts as. */
  readonly identities: { readonly collector: Identity };
  /** The read side: needed when the role serves queries (`query` or `all`). */
  readonly query?: QueryContext;
  /** The demo's logins, offered on the web app's login page (`eter demo` only). */
  readonly demo?: DemoLogins;
}

/**
 * The router's limit on one path parameter, in characters: longer than any
 * parameter's schema allows, and small enough that matching stays cheap.
 */
const MAX_PATH_PARAMETER = 100;

const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'rule', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON pointer into the request body' },
          rule: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    truncated: {
      type: 'boolean',
      description: 'True when errors was cut short (at most 100 a ticket): there were more',
    },
  },
};

/** Builds the HTTP server for the configured role; call `listen` on the result. */
export async function buildServer(deps: ServerDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: config.bodyLimit,
    requestIdHeader: 'x-request-id',
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER },
    genReqId: () => randomUUID(),
    // Whose X-Forwarded-For is believed: login back-off is per client address.
    ...(config.trustProxy.trim() === '' ? {} : { trustProxy: config.trustProxy }),
    // A client that sends its headers or body slowly gets 408 and the
    // connection closed, rather than holding it (and its socket) open.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    http: {
      headersTimeout: config.headersTimeoutSeconds * 1000,
      // How often Node looks for requests past those timeouts (its default is 30 s).
      connectionsCheckingInterval: 1000,
    },
    clientErrorHandler,
    // Errors met before routing (a URL that does not decode), as problems with their own status.
    frameworkErrors: (error, _request, raw) => {
      const answer =
        fastifyProblem(error) ??
        problem(ProblemType.malformedRequest, error.statusCode ?? 400, error.message);
      return (raw as unknown as FastifyReply)
        .code(answer.status)
        .type(PROBLEM_CONTENT_TYPE)
        .send(answer);
    },
  });
  // Every route, as registered: the access-matrix test checks each one is in its table.
  const routes: RouteEntry[] = [];
  const allowed = new AllowedMethods();
  const web = newWebApp();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const access = (route.config as { access?: string } | undefined)?.access;
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
      allowed.add(method, route.url);
    }
  });
  app.decorate('routeCatalog', routes);
  await registerSecurityHeaders(app);
  // A method no route serves is answered 404 before anything else looks at
  // the request: the body parser would otherwise refuse, say, a QUERY
  // without a content type, with an error that reached the 500 handler.
  app.addHook('onRequest', async (request) => {
    if (request.is404 && web?.serves(request) !== true)
      throw notServed(request.method, request.url, allowed);
  });
  // JSON only: a ticket sent as text is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  // Once closing, each answer closes its connection: the server's close
  // waits for every connection, and a keep-alive one that goes idle after
  // the close began would otherwise hold it until the client lets go.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  // Every part of every request is checked against its route's schema
  // before the handler runs: bodies exactly (no coercion, no defaults, no
  // unknown field dropped), URL parameters with strings turned into the
  // numbers they stand for. (The two ticket routes check their bodies on
  // the checking thread, with the ticket format's rules beyond the schema.)
  const exact = schemaEngine();
  const coercing = newSchemaEngine({ coerce: true });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const engine = httpPart === 'body' ? exact : coercing;
    for (const shared of Object.values(app.getSchemas()) as Array<{ $id: string }>) {
      if (engine.getSchema(shared.$id) === undefined) engine.addSchema(shared);
    }
    return engine.compile(schema);
  });

  await app.register(swagger, {
    // Links from what creates to what reads it: swagger has no place for them in a route.
    transformObject: (document) =>
      'openapiObject' in document ? addLinks(document.openapiObject) : document.swaggerObject,
    // Components keep the names the shared schemas were registered under.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Eter API',
        version: '1',
        description: 'Retail tickets and loyalty points on a tamper-evident ledger.',
      },
      components: {
        securitySchemes: {
          terminalKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A point-of-sale terminal API key (eter keys create)',
          },
          personToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "A person's login token (POST /v1/auth/login)",
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'eter_session',
            description: "The web app's session (POST /v1/auth/session)",
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Before any route: each route's problem answers, declared status by status.
  declareProblemResponses(app);
  for (const schema of ticketSharedSchemas()) app.addSchema(schema);
  for (const schema of querySharedSchemas) app.addSchema(schema);
  for (const schema of streamSharedSchemas) app.addSchema(schema);
  app.addSchema(problemSchema);

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

  // Before any route, so that every route sees request.person.
  registerPersonAuth(app, deps.tokens, deps.users);
  // Retailers' rules look up a store's retailer in the read model; a
  // collector-only server serves no retailer, and has none.
  const policy = new AccessPolicy(deps.query?.participants);
  registerAccessPolicy(app, policy);
  // After it (the limits count per login) and before the routes, which it hooks as they are added.
  await registerRateLimits(app, config);
  const metrics = new ServerMetrics(deps.client.gateway, deps.query?.projector);
  healthRoutes(app, deps.client.gateway, metrics);
  app.get('/openapi.json', { config: { access: 'service' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await registerWebApp(app, web);
  const login = new PasswordLogin(
    deps.users,
    deps.tokens,
    new LoginThrottle({
      perAccount: config.loginAttemptsPerAccount,
      perAddress: config.loginAttemptsPerAddress,
      maxBackoffMs: config.loginBackoffMaxSeconds * 1000,
    }),
  );
  authRoutes(app, { users: deps.users, login });
  sessionRoutes(app, {
    users: deps.users,
    tokens: deps.tokens,
    login,
    ...(deps.demo && { demo: deps.demo }),
  });
  if (config.role === 'collector' || config.role === 'all') {
    ticketRoutes(app, {
      intake: new TicketIntake(
        deps.client,
        deps.identities.collector,
        policy,
        new Slots(config.intakeInFlight, config.intakeQueue),
      ),
      keys: deps.keys,
      metrics,
      batchBodyLimit: config.batchBodyLimit,
      checker: new BodyChecker({
        threads: config.checkThreads,
        maxWaiting: config.checkQueue,
        inlineBytes: INLINE_BODY_BYTES,
      }),
    });
    redemptionRoutes(app, {
      client: deps.client,
      identity: deps.identities.collector,
      keys: deps.keys,
    });
    returnableRoutes(app, {
      client: deps.client,
      identity: deps.identities.collector,
      keys: deps.keys,
    });
  }
  if (config.role === 'query' || config.role === 'all') {
    const query = deps.query;
    if (query === undefined) throw new Error(`role ${config.role} needs the read side (query)`);
    queryTicketRoutes(app, query);
    queryPointsRoutes(app, query);
    const spends = new KeyedSerializer();
    transferRoutes(app, query, spends);
    grantRoutes(app, query);
    customerLotRoutes(app, query, spends);
    querySalesRoutes(app, query);
    saleLinesRoutes(app, query);
    queryStoreSalesRoutes(app, query);
    streamRoutes(app, query, new StreamQuota(config.streamsPerLogin));
    participantRoutes(app, query);
    ledgerRoutes(app, deps.client.gateway, query.proofs);
  }
  return app;
}

/**
 * The answer to a request no route serves: 405 with `Allow` when the path is
 * served with other methods, 404 when it is not served at all.
 */
function notServed(method: string, url: string, allowed: AllowedMethods): ProblemError {
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
