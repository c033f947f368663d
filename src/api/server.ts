import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AccessPolicy } from '../access';
import { newSchemaEngine, schemaEngine } from '../format';
import { registerPersonAuth } from './auth/login-hook';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordLogin } from './auth/password-login';
import { registerAccessPolicy } from './http/access';
import { AllowedMethods } from './http/allowed-methods';
import { clientErrorHandler } from './http/client-errors';
import {
  answerFrameworkError,
  MAX_PATH_PARAMETER,
  notServed,
  registerErrorAnswers,
} from './http/error-answers';
import { registerOpenApi } from './http/openapi-document';
import { registerRateLimits } from './http/rate-limits';
import { ServerMetrics } from './metrics';
import { registerRoleRoutes } from './role-routes';
import type { ServerDependencies } from './server-dependencies';
import { authRoutes } from './routes/auth/auth-routes';
import { sessionRoutes } from './routes/auth/session-routes';
import { healthRoutes } from './routes/health/health-routes';
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

export type { ServerDependencies } from './server-dependencies';

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
    frameworkErrors: (error, _request, raw) => answerFrameworkError(error, raw),
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
  await registerOpenApi(app);
  registerErrorAnswers(app, allowed, web);

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
  registerRoleRoutes(app, deps, policy, metrics);
  return app;
}
