import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LedgerGateway } from '../ledger/gateway';
import type { Projector } from '../readmodel';

/** The server's Prometheus metrics, on a registry of its own. */
export class ServerMetrics {
  readonly registry = new Registry();
  /** Tickets received, by outcome (HTTP status). */
  readonly ticketsReceived = new Counter({
    name: 'eter_tickets_received_total',
    help: 'Tickets received by the collector, by HTTP status of the answer',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  /** Time from receiving a ticket to answering it. */
  readonly intakeSeconds = new Histogram({
    name: 'eter_ticket_intake_seconds',
    help: 'Ticket intake latency, receipt to answer (durable commit included)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Counts one answered ticket and its latency since `started` (process.hrtime.bigint()). */
  recordIntake(status: number, started: bigint): void {
    this.ticketsReceived.inc({ status: String(status) });
    this.intakeSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }

  constructor(gateway: LedgerGateway, projector?: Projector) {
    collectDefaultMetrics({ register: this.registry, prefix: 'eter_' });
    new Gauge({
      name: 'eter_ledger_height',
      help: 'Blocks durably committed on the ledger',
      registers: [this.registry],
      async collect() {
        this.set(await gateway.height());
      },
    });
    if (projector !== undefined) {
      new Gauge({
        name: 'eter_projector_lag_blocks',
        help: 'Committed blocks the read model does not have yet',
        registers: [this.registry],
        async collect() {
          this.set(await projector.lag());
        },
      });
      new Gauge({
        name: 'eter_projector_checkpoint',
        help: 'Last block projected into the read model',
        registers: [this.registry],
        collect() {
          this.set(projector.checkpoint);
        },
      });
    }
  }
}
