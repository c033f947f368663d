import { HttpJson } from './http-json';
import type { IntakeFigures } from './single-intake';
import { quantile } from './stats';
import type { BatchRequests } from './ticket-bodies';

/**
 * `POST /v1/tickets:batch`: `parallel` clients, each sending its next batch
 * as soon as the last is answered, for `durationSec` (batches in flight at
 * the end are waited for and counted). The rate is tickets acknowledged as
 * new per second; the latency is per batch, request to last byte.
 */
export async function batchIntake(
  url: string,
  batches: BatchRequests,
  options: { parallel: number; durationSec: number },
): Promise<IntakeFigures> {
  const http = new HttpJson(url, options.parallel);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let acknowledged = 0;
  let errors = 0;
  const madeBefore = batches.madeLive;
  const started = performance.now();
  const deadline = started + options.durationSec * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const batch = batches.take();
      try {
        const answer = await http.send(
          'POST',
          '/v1/tickets:batch',
          { 'content-type': 'application/json', authorization: `Bearer ${batch.apiKey}` },
          batch.body,
        );
        if (answer.status !== 200) {
          statuses[`batch ${answer.status}`] = (statuses[`batch ${answer.status}`] ?? 0) + 1;
          errors += batch.tickets;
          continue;
        }
        latencies.push(answer.ms);
        const { results } = JSON.parse(answer.text) as { results: Array<{ status: number }> };
        for (const { status } of results) {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 201) acknowledged++;
          else errors++;
        }
      } catch {
        errors += batch.tickets;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.parallel }, client));
  } finally {
    http.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    perSec: acknowledged / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    acknowledged,
    errors,
    statuses,
    seconds,
    madeLive: batches.madeLive - madeBefore,
  };
}
