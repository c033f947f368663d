import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where `npm run build` puts the web app (web/dist of the repository). */
export const WEB_ROOT = join(__dirname, '..', '..', '..', 'web', 'dist');

/** Paths the API owns: the app's fallback never answers under them. */
const API_PATHS = ['/v1', '/openapi.json', '/docs', '/metrics', '/healthz', '/readyz'];

/** The app's policy: its own scripts, styles and API only; no inline script, no framing. */
const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Helmet's default would upgrade requests to https, which a plain-HTTP local server cannot serve.
  upgradeInsecureRequests: null,
};

/**
 * Swagger UI sets styles inline and shows data: images; it has no inline
 * script, so script-src stays 'self'.
 */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** The single-page app, as the server's not-found path sees it. */
export interface WebApp {
  /** Whether `request` is a page load the app answers (GET, wants HTML, not an API path). */
  serves(request: FastifyRequest): boolean;
  /** Sends the app's index.html, never cached without asking. */
  sendIndex(reply: FastifyReply): Promise<FastifyReply>;
}

/**
 * The app built in `root`, or none when it was not built (then every
 * unknown path stays a problem+json 404).
 */
export function newWebApp(root = WEB_ROOT): WebApp | undefined {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return undefined;
  return {
    serves(request) {
      if (request.method !== 'GET') return false;
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      const path = request.url.split('?', 1)[0]!;
      return !API_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
    },
    async sendIndex(reply) {
      // Read per request: a rebuilt app is served without a restart.
      const html = await readFile(index);
      return reply
        .code(200)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  };
}

/**
 * Security headers on every answer (helmet: CSP, nosniff, frame and
 * referrer policies…), with Swagger UI's looser style policy under /docs.
 * Register before any other `onRequest` hook: an answer that a hook gives
 * early (404 for an unserved method, 401, 429) carries them too.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP },
    // The API is read cross-origin by other tools (curl, Schemathesis, scripts); only framing is refused.
    crossOriginResourcePolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url === '/docs' || request.url.startsWith('/docs/'))
      reply.header('content-security-policy', DOCS_CSP);
  });
}

/**
 * When the app is built, its hashed assets under /assets/, cached for a
 * year as immutable (a new build has new names).
 */
export async function registerWebApp(
  app: FastifyInstance,
  web: WebApp | undefined,
  root = WEB_ROOT,
): Promise<void> {
  if (web === undefined) return;
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    schemaHide: true,
  });
}
