/**
 * `npm run bench:abuse -- [--runs R] [--at-once N] [--json]`: the
 * adversarial collector bodies of `abuse-shapes.ts`, each at the largest
 * size its limit allows, against `eter serve` in a process of its own on
 * 127.0.0.1. For each shape, as one ticket and as a batch, it prints the
 * server's CPU per request (all threads, over R requests one after the
 * other), the answer's status, size and error count, and `/readyz` latency
 * while N of them arrive at once. A benchmark, not a test: see
 * docs/benchmarks.md.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../api/config';
import { TerminalKeyStore } from '../api/terminal-keys';
import { ContractClient } from '../client/contract-client';
import { wholeOption } from '../cli/cli-options';
import {
  bootstrapIfNew,
  localIdentities,
  LOCAL_RETAILER_MSP,
  openLocalLedger,
} from '../node/local-node';
import { ABUSE_SHAPES, batchOf } from './abuse-shapes';
import { machineFacts } from './machine';
import { startServerProcess, type ServerProcess } from './server-process';
import { quantile, round } from './stats';

interface BenchOptions {
  runs: number;
  atOnce: number;
  only?: string;
  json?: boolean;
}

/** One shape's figures. */
interface ShapeFigures {
  shape: string;
  kind: 'ticket' | 'batch';
  bodyBytes: number;
  status: number;
  answerBytes: number;
  /** Errors listed in the answer, all tickets together. */
  errors: number;
  truncated: number;
  serverCpuMsPerRequest: number;
  readyzP50Ms: number;
  readyzMaxMs: number;
  readyzProbes: number;
  /** The server's longest event-loop delay while they ran (its own measure, /metrics). */
  loopDelayMaxMs: number;
}

/** Bytes kept under each limit, for the headers' share of nothing (the limit counts the body only). */
const MARGIN = 64;

async function prepare(dataDir: string): Promise<string> {
  const ledger = openLocalLedger(dataDir);
  try {
    const client = new ContractClient(ledger);
    await bootstrapIfNew(client);
    await client.registerStore(localIdentities.operator, {
      storeId: 'store-001',
      name: 'store-001',
      mspId: LOCAL_RETAILER_MSP,
    });
  } finally {
    await ledger.close();
  }
  const keys = new TerminalKeyStore(join(dataDir, 'access.db'));
  try {
    return keys.create('store-001', 'pos-abuse').apiKey;
  } finally {
    keys.close();
  }
}

async function post(url: string, apiKey: string, path: string, body: string) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Errors listed and `truncated` markers in an answer, a ticket's or a batch's. */
function countErrors(text: string): { errors: number; truncated: number } {
  interface P {
    errors?: unknown[];
    truncated?: boolean;
  }
  const body = JSON.parse(text) as P & { results?: Array<{ problem?: P }> };
  const problems = body.results?.map((r) => r.problem ?? {}) ?? [body];
  return {
    errors: problems.reduce((n, p) => n + (p.errors?.length ?? 0), 0),
    truncated: problems.filter((p) => p.truncated === true).length,
  };
}

/**
 * The server's longest event-loop delay since the last call, in ms: Node's
 * own monitor, which prom-client resets at every scrape of /metrics. It is
 * what a request arriving at the worst moment waited, measured in the
 * server, apart from the load generator on the same cores.
 */
async function loopDelayMaxMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^eter_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return match === null ? Number.NaN : Number(match[1]) * 1000;
}

async function measure(
  server: ServerProcess,
  apiKey: string,
  options: BenchOptions,
  shape: string,
  kind: 'ticket' | 'batch',
  body: string,
): Promise<ShapeFigures> {
  const path = kind === 'ticket' ? '/v1/tickets' : '/v1/tickets:batch';
  // One first, unmeasured: the checking thread starts and its code warms up.
  let answer = await post(server.url, apiKey, path, body);
  const cpuBefore = server.cpuSeconds() ?? Number.NaN;
  for (let i = 0; i < options.runs; i++) answer = await post(server.url, apiKey, path, body);
  const cpuMs = (((server.cpuSeconds() ?? Number.NaN) - cpuBefore) * 1000) / options.runs;

  await loopDelayMaxMs(server.url); // starts the server's measure afresh
  let pending = options.atOnce;
  const all = Array.from({ length: options.atOnce }, () =>
    post(server.url, apiKey, path, body).finally(() => pending--),
  );
  const latencies: number[] = [];
  while (pending > 0) {
    const started = performance.now();
    const ready = await fetch(`${server.url}/readyz`);
    await ready.arrayBuffer();
    if (pending > 0) latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(all);
  const loopDelay = await loopDelayMaxMs(server.url);
  return {
    shape,
    kind,
    bodyBytes: Buffer.byteLength(body),
    status: answer.status,
    answerBytes: Buffer.byteLength(answer.text),
    ...countErrors(answer.text),
    serverCpuMsPerRequest: round(cpuMs, 0),
    readyzP50Ms: round(quantile(latencies, 0.5), 1),
    readyzMaxMs: round(latencies.length === 0 ? Number.NaN : Math.max(...latencies), 1),
    readyzProbes: latencies.length,
    loopDelayMaxMs: round(loopDelay, 1),
  };
}

async function main(options: BenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eter-bench-abuse-'));
  const out = (line: string) => {
    if (options.json !== true) process.stdout.write(`${line}\n`);
  };
  try {
    const apiKey = await prepare(dir);
    const server = await startServerProcess(dir);
    const figures: ShapeFigures[] = [];
    try {
      const m = machineFacts();
      out(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, ${m.os}, Node ${m.node}`);
      out(
        `limits: ticket body ${DEFAULT_CONFIG.bodyLimit} B, batch body ${DEFAULT_CONFIG.batchBodyLimit} B; ` +
          `${options.runs} requests one by one for CPU, ${options.atOnce} at once for /readyz`,
      );
      out('');
      out(
        'shape              kind    body B   status  answer B  errors  trunc  CPU ms/req  readyz p50/max ms (probes)  loop delay max ms',
      );
      const only = options.only?.split(',');
      for (const shape of ABUSE_SHAPES) {
        for (const kind of ['ticket', 'batch'] as const) {
          if (only !== undefined && !only.includes(shape.name) && !only.includes(kind)) continue;
          const body =
            kind === 'ticket'
              ? shape.ticket(DEFAULT_CONFIG.bodyLimit - MARGIN)
              : batchOf(shape, DEFAULT_CONFIG.batchBodyLimit - MARGIN);
          const f = await measure(server, apiKey, options, shape.name, kind, body);
          figures.push(f);
          out(
            `${f.shape.padEnd(18)} ${f.kind.padEnd(6)} ${String(f.bodyBytes).padStart(8)}  ${String(f.status).padStart(6)}  ` +
              `${String(f.answerBytes).padStart(8)}  ${String(f.errors).padStart(6)}  ${String(f.truncated).padStart(5)}  ` +
              `${String(f.serverCpuMsPerRequest).padStart(10)}  ${`${f.readyzP50Ms} / ${f.readyzMaxMs} (${f.readyzProbes})`.padEnd(26)}  ${f.loopDelayMaxMs}`,
          );
        }
      }
    } finally {
      const stopped = performance.now();
      const code = await server.stop(15_000);
      out('');
      out(`SIGTERM: exit ${code} after ${Math.round(performance.now() - stopped)} ms`);
    }
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify({ machine: machineFacts(), figures }, null, 2)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const program = new Command('bench:abuse')
  .option('--runs <n>', 'requests one after the other per shape, for CPU', wholeOption('--runs'), 5)
  .option('--at-once <n>', 'requests at once per shape, for /readyz', wholeOption('--at-once'), 8)
  .option('--only <names>', 'shapes or kinds to run, comma-separated (e.g. batch,"empty lines")')
  .option('--json', 'print the figures as JSON')
  .action(async (options: BenchOptions) => main(options));
program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
