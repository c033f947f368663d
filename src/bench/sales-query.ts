import { HttpJson } from './http-json';
import { quantile } from './stats';

/** A manufacturer analyst's login token. */
export interface ManufacturerToken {
  readonly manufacturerId: string;
  readonly token: string;
}

/** What the report requests ask for. */
export interface SalesQueryShape {
  readonly storeIds: readonly string[];
  /** First date holding data (YYYY-MM-DD) and how many days from it do. */
  readonly firstDay: string;
  readonly dataDays: number;
  /** Days per report. */
  readonly windowDays: number;
}

/** Latency and rate of the report requests. */
export interface QueryFigures {
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly count: number;
  readonly errors: number;
  /** Mean rows per report, from a sample of the answers. */
  readonly averageRows: number;
  readonly seconds: number;
}

const DAY_MS = 86_400_000;
/** Every n-th answer is parsed to count its rows: parsing all would load the generator. */
const ROW_SAMPLE = 16;

/**
 * `GET /v1/manufacturers/:id/sales` for one store, a window of
 * `windowDays` days, per day and product: `parallel` clients back to back
 * for `durationSec`. Requests cycle over manufacturers, stores and window
 * positions, so that consecutive ones do not read the same rows.
 */
export async function salesQueries(
  url: string,
  tokens: readonly ManufacturerToken[],
  shape: SalesQueryShape,
  options: { parallel: number; durationSec: number },
): Promise<QueryFigures> {
  const http = new HttpJson(url, options.parallel);
  const latencies: number[] = [];
  const rows: number[] = [];
  let errors = 0;
  let issued = 0;
  const first = Date.parse(`${shape.firstDay}T00:00:00Z`);
  const positions = Math.max(1, shape.dataDays - shape.windowDays + 1);
  const started = performance.now();
  const deadline = started + options.durationSec * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const i = issued++;
      const { manufacturerId, token } = tokens[i % tokens.length]!;
      const storeId = shape.storeIds[Math.floor(i / tokens.length) % shape.storeIds.length]!;
      const from = first + ((i * 7) % positions) * DAY_MS;
      const to = from + (shape.windowDays - 1) * DAY_MS;
      const query = new URLSearchParams({
        from: day(from),
        to: day(to),
        granularity: 'day',
        storeId,
        groupBy: 'gtin',
      });
      try {
        const answer = await http.send(
          'GET',
          `/v1/manufacturers/${manufacturerId}/sales?${query}`,
          { authorization: `Bearer ${token}` },
        );
        if (answer.status !== 200) {
          errors++;
          continue;
        }
        latencies.push(answer.ms);
        if (i % ROW_SAMPLE === 0) {
          rows.push((JSON.parse(answer.text) as { rows: unknown[] }).rows.length);
        }
      } catch {
        errors++;
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
    perSec: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    count: latencies.length,
    errors,
    averageRows: rows.length === 0 ? 0 : rows.reduce((a, b) => a + b, 0) / rows.length,
    seconds,
  };
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
