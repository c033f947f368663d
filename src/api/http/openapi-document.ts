import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ticketSharedSchemas } from '../routes/tickets/format-schemas';
import { streamSharedSchemas } from '../routes/streams/stream-routes';
import { addLinks } from './openapi-links';
import { declareProblemResponses } from './problem-responses';
import { querySharedSchemas } from './schemas';

/**
 * The OpenAPI 3.1 document at /openapi.json (and Swagger UI at /docs),
 * generated from the routes' own schemas: its security schemes, the shared
 * schemas every route refers to, and each route's problem answers. Call
 * before any route is added.
 */

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

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
}
