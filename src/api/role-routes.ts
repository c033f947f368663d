import type { FastifyInstance } from 'fastify';
import type { AccessPolicy } from '../access';
import { BodyChecker, INLINE_BODY_BYTES } from './body-check/body-checker';
import type { ServerConfig } from './config';
import { KeyedSerializer } from './http/keyed-serializer';
import type { ServerMetrics } from './metrics';
import { ledgerRoutes } from './routes/ledger/ledger-routes';
import { participantRoutes } from './routes/participants/participant-routes';
import { queryPointsRoutes } from './routes/points/balance-routes';
import { grantRoutes } from './routes/points/grant-routes';
import { customerLotRoutes } from './routes/points/lot-routes';
import { redemptionRoutes } from './routes/points/redemption-routes';
import { transferRoutes } from './routes/points/transfer-routes';
import { querySalesRoutes } from './routes/sales/manufacturer-sales-routes';
import { saleLinesRoutes } from './routes/sales/sale-lines-routes';
import { lineProofRoute } from './routes/sales/line-proof-route';
import { queryStoreSalesRoutes } from './routes/sales/store-sales-routes';
import { StreamQuota } from './routes/streams/stream-quota';
import { streamRoutes } from './routes/streams/stream-routes';
import { ticketRoutes } from './routes/tickets/intake-routes';
import { queryTicketRoutes } from './routes/tickets/query-routes';
import { returnableRoutes } from './routes/tickets/returnable-routes';
import type { ServerDependencies } from './server-dependencies';
import { Slots } from './slots';
import { TicketIntake } from './ticket-intake';

/**
 * The routes a server's role serves: a collector takes tickets from tills
 * (and redemptions, and returns' lookups); a query server answers people
 * from the read model; `all` does both.
 */
export function registerRoleRoutes(
  app: FastifyInstance,
  deps: ServerDependencies,
  policy: AccessPolicy,
  metrics: ServerMetrics,
): void {
  const config: ServerConfig = deps.config;
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
    lineProofRoute(app, query);
    queryStoreSalesRoutes(app, query);
    streamRoutes(app, query, new StreamQuota(config.streamsPerLogin));
    participantRoutes(app, query, deps.users);
    ledgerRoutes(app, deps.client.gateway, query.proofs);
  }
}
