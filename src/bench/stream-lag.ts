import type { SyntheticWorkload } from '../sim/workload';
import { HttpJson } from './http-json';
import type { ManufacturerToken } from './sales-query';
import { openSse } from './sse-reader';
import { quantile } from './stats';
import type { Attribution } from './synthetic-ticket-event';

/** How late live sales events were, after the POS had its receipt. */
export interface StreamFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** From the POS sending the ticket to its event: commit and projection included. */
  readonly fromSendP50Ms: number;
  readonly fromSendP99Ms: number;
  /** Tickets sent (each one with the watching manufacturer's products). */
  readonly sent: number;
  /** Receipts matched by their event. */
  readonly matched: number;
  /** Receipts whose event never came within the grace period. */
  readonly missed: number;
  /** Events that arrived before their ticket's 201 (counted as 0 ms lag). */
  readonly beforeAck: number;
  /** Tickets not acknowledged 201, and stream failures. */
  readonly errors: number;
  readonly seconds: number;
}

/** How long events may trail the last receipt before they count as missed. */
const GRACE_MS = 10_000;
/** Scheduling tick of the POS traffic. */
const TICK_MS = 5;

/**
 * A manufacturer watches `GET /v1/stream/sales` while points of sale send
 * `rate` tickets a second (each with at least one of its products) to
 * `POST /v1/tickets` for `durationSec`. Lag is from the 201 reaching the POS
 * to the matching `sale` event reaching the manufacturer (and, for context,
 * from the POS sending the ticket to that event). The match is
 * exact: every ticket gets an issue time one millisecond after the previous
 * one at least, so store and issue time name one ticket, and the event
 * carries both as sent.
 */
export async function streamLag(
  url: string,
  workload: SyntheticWorkload,
  keys: ReadonlyMap<string, string>,
  viewer: ManufacturerToken,
  attribution: Attribution,
  options: { rate: number; durationSec: number },
): Promise<StreamFigures> {
  const acked = new Map<string, number>();
  const early = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  const fromSend: number[] = [];
  let beforeAck = 0;
  let errors = 0;
  let streamError: Error | undefined;

  const stream = await openSse(
    `${url}/v1/stream/sales`,
    { authorization: `Bearer ${viewer.token}` },
    (message, receivedAt) => {
      if (message.event !== 'sale') return;
      const sale = JSON.parse(message.data) as { storeId: string; issuedAt: string };
      const key = `${sale.storeId} ${sale.issuedAt}`;
      const sent = sentAt.get(key);
      if (sent !== undefined) {
        sentAt.delete(key);
        fromSend.push(receivedAt - sent);
      }
      const ackAt = acked.get(key);
      if (ackAt === undefined) {
        early.set(key, receivedAt);
      } else {
        acked.delete(key);
        lags.push(receivedAt - ackAt);
      }
    },
    (error) => {
      streamError = error;
    },
  );

  const http = new HttpJson(url, 256);
  let lastIssuedAt = 0;
  const nextTicket = () => {
    for (;;) {
      lastIssuedAt = Math.max(Date.now(), lastIssuedAt + 1);
      const ticket = workload.nextTicket(new Date(lastIssuedAt));
      if (ticket.lines.some((line) => attribution(line.gtin) === viewer.manufacturerId)) {
        return ticket;
      }
    }
  };
  const inFlight = new Set<Promise<void>>();
  const send = () => {
    const ticket = nextTicket();
    const key = `${ticket.storeId} ${ticket.issuedAt}`;
    sentAt.set(key, performance.now());
    const request = http
      .send(
        'POST',
        '/v1/tickets',
        { 'content-type': 'application/json', authorization: `Bearer ${keys.get(ticket.storeId)}` },
        JSON.stringify(ticket),
      )
      .then(
        (answer) => {
          const ackAt = performance.now();
          if (answer.status !== 201) {
            errors++;
            return;
          }
          const eventAt = early.get(key);
          if (eventAt === undefined) {
            acked.set(key, ackAt);
          } else {
            early.delete(key);
            beforeAck++;
            lags.push(0);
          }
        },
        () => {
          errors++;
        },
      )
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.floor((Math.min(elapsed, options.durationSec * 1000) * options.rate) / 1000);
      for (; sent < due; sent++) send();
      if (elapsed >= options.durationSec * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  const graceEnd = performance.now() + GRACE_MS;
  while (acked.size > 0 && streamError === undefined && performance.now() < graceEnd) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  stream.close();
  http.close();
  return {
    p50Ms: quantile(lags, 0.5),
    p99Ms: quantile(lags, 0.99),
    fromSendP50Ms: quantile(fromSend, 0.5),
    fromSendP99Ms: quantile(fromSend, 0.99),
    sent,
    matched: lags.length,
    missed: acked.size,
    beforeAck,
    errors: errors + (streamError === undefined ? 0 : 1),
    seconds,
  };
}
