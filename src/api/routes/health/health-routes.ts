import type { FastifyInstance } from 'fastify';
import type { LedgerGateway } from '../../../ledger/gateway';
import type { ServerMetrics } from '../../metrics';

/** Liveness, readiness and metrics. */
export function healthRoutes(
  app: FastifyInstance,
  gateway: LedgerGateway,
  metrics: ServerMetrics,
): void {
  app.get('/healthz', { config: { access: 'service' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { config: { access: 'service' }, schema: { hide: true } },
    async (_request, reply) => {
      try {
        return { status: 'ready', ledgerHeight: await gateway.height() };
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable', reason: String(error) });
      }
    },
  );

  app.get(
    '/metrics',
    { config: { access: 'service' }, schema: { hide: true } },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}
