/**
 * `npm run bench:api -- [--duration S] [--concurrency N] [--read-model-tickets N] [--runs R] [--json]`:
 * the HTTP API under load, server and load generator on one machine over
 * 127.0.0.1. Fills a read model with synthetic history, serves it with
 * `eter serve` in a process of its own, and measures single and batch
 * ticket intake, a manufacturer's sales report, live-stream lag and the
 * server's peak memory. See docs/benchmarks.md.
 */
import { Command } from 'commander';
import { wholeOption } from '../cli/cli-options';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_MODEL_FILE } from '../readmodel';
import { SYNTHETIC_MANUFACTURERS, SyntheticWorkload } from '../sim/workload';
import { batchIntake } from './batch-intake';
import { prepareBenchNetwork, type BenchAccess, type BenchLogin } from './bench-network';
import { machineFacts } from './machine';
import { waitForProjector } from './projector-settle';
import { fillReadModel, type FillResult } from './read-model-fill';
import { salesQueries, type ManufacturerToken, type QueryFigures } from './sales-query';
import { startServerProcess, type ServerProcess } from './server-process';
import { singleIntake, type IntakeFigures } from './single-intake';
import { median, round } from './stats';
import { cpuBudgetMicros, verdict } from './targets';
import { streamLag, type StreamFigures } from './stream-lag';
import { prefixAttribution } from './synthetic-ticket-event';
import { BatchRequests, SingleTicketRequests } from './ticket-bodies';

interface BenchOptions {
  duration: number;
  concurrency: number;
  readModelTickets: number;
  runs: number;
  batchSize: number;
  batchParallel: number;
  queryConcurrency: number;
  streamRate: number;
  cpuProfDir?: string;
  json?: boolean;
}

/** CPU cores kept busy during a phase, on average: the server's and the load generator's. */
interface CpuShare {
  server: number;
  loadGenerator: number;
}

interface RunResult {
  single: IntakeFigures;
  batch: IntakeFigures;
  projectorCatchUpMs: number;
  query: QueryFigures;
  stream: StreamFigures;
  serverIdleRssMb: number;
  serverPeakRssMb: number;
  /** Peak resident set of the server during each phase, MB. */
  peakRssMb: Record<Phase, number>;
  cpu: Record<Phase, CpuShare>;
}

/** The benchmark's steps, in order; `logins` is the eight manufacturers' logins before the queries. */
type Phase = 'single' | 'batch' | 'logins' | 'salesQuery' | 'stream';

/** The targets: at least (`min`) or at most (`max`). */
const TARGETS = {
  singlePerSec: { min: 5_000 },
  singleP99Ms: { max: 50 },
  batchTicketsPerSec: { min: 20_000 },
  salesQueryP99Ms: { max: 50 },
  streamLagP99Ms: { max: 250 },
  serverPeakRssMb: { max: 300 },
} as const;

/** Days of synthetic history in the read model, and per sales report. */
const HISTORY_DAYS = 60;
const REPORT_DAYS = 30;
/** Warm-up of the single-ticket phase (JIT, caches, connections), not measured. */
const WARMUP_SEC = 2;
/**
 * Requests made ahead per second of phase: comfortably above what the
 * server takes on this class of machine (`madeLive` in the JSON says when not).
 */
const SINGLE_POOL_PER_SEC = 8_000;
const BATCH_POOL_TICKETS_PER_SEC = 12_000;

async function runOnce(
  options: BenchOptions,
  template: string,
  access: BenchAccess,
  fill: FillResult,
  run: number,
  workDir: string,
): Promise<RunResult> {
  const dir = join(workDir, `run-${run}`);
  cpSync(template, dir, { recursive: true });
  const server = await startServerProcess(dir, {
    ...(options.cpuProfDir === undefined ? {} : { cpuProfDir: options.cpuProfDir }),
  });
  try {
    const readModelFile = join(dir, READ_MODEL_FILE);
    const settle = () => waitForProjector(server.url, readModelFile);
    await settle();
    const serverIdleRssMb = server.rssMb() ?? Number.NaN;
    const workload = (phase: string, seed: number) =>
      new SyntheticWorkload({ seed: seed + run, runId: `r${run}${phase}` });

    const singles = new SingleTicketRequests(
      workload('s', 100),
      access.keys,
      (options.duration + WARMUP_SEC) * SINGLE_POOL_PER_SEC,
    );
    await singleIntake(server.url, singles, {
      connections: options.concurrency,
      durationSec: Math.min(WARMUP_SEC, options.duration),
    });
    await settle();
    const peaks = new PhasePeaks(server);
    const single = await withCpu(server, peaks, () =>
      singleIntake(server.url, singles, {
        connections: options.concurrency,
        durationSec: options.duration,
      }),
    );
    await settle();

    const batches = new BatchRequests(
      workload('b', 200),
      access.keys,
      options.batchSize,
      Math.ceil((options.duration * BATCH_POOL_TICKETS_PER_SEC) / options.batchSize),
    );
    const batch = await withCpu(server, peaks, () =>
      batchIntake(server.url, batches, {
        parallel: options.batchParallel,
        durationSec: options.duration,
      }),
    );
    const projectorCatchUpMs = await settle();

    const logins = await withCpu(server, peaks, () => loginAll(server.url, access.logins));
    const tokens = logins.value;
    const query = await withCpu(server, peaks, () =>
      salesQueries(
        server.url,
        tokens,
        {
          storeIds: [...access.keys.keys()],
          firstDay: fill.firstDay,
          dataDays: HISTORY_DAYS,
          windowDays: REPORT_DAYS,
        },
        { parallel: options.queryConcurrency, durationSec: options.duration },
      ),
    );
    const stream = await withCpu(server, peaks, () =>
      streamLag(
        server.url,
        workload('l', 300),
        access.keys,
        tokens[0]!,
        prefixAttribution(SYNTHETIC_MANUFACTURERS),
        { rate: options.streamRate, durationSec: options.duration },
      ),
    );
    return {
      single: single.value,
      batch: batch.value,
      projectorCatchUpMs,
      query: query.value,
      stream: stream.value,
      serverIdleRssMb,
      serverPeakRssMb: peaks.overall(),
      peakRssMb: {
        single: single.peak,
        batch: batch.peak,
        logins: logins.peak,
        salesQuery: query.peak,
        stream: stream.peak,
      },
      cpu: {
        single: single.cpu,
        batch: batch.cpu,
        logins: logins.cpu,
        salesQuery: query.cpu,
        stream: stream.cpu,
      },
    };
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`server exited with ${code}:\n${server.log()}\n`);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The server's peak memory phase by phase, and over the whole run: the peak
 * so far is read and started again at each phase's start (where /proc allows;
 * elsewhere each phase reports the peak since the start).
 */
class PhasePeaks {
  private max = 0;

  constructor(private readonly server: ServerProcess) {}

  /** Call at a phase's start. */
  start(): void {
    this.max = Math.max(this.max, this.server.peakRssMb() ?? Number.NaN);
    this.server.resetPeakRss();
  }

  /** Call at a phase's end: that phase's peak. */
  end(): number {
    const peak = this.server.peakRssMb() ?? Number.NaN;
    this.max = Math.max(this.max, peak);
    return peak;
  }

  overall(): number {
    return Math.max(this.max, this.server.peakRssMb() ?? Number.NaN);
  }
}

/** Runs a phase and measures the CPU both sides used meanwhile, and the server's peak memory. */
async function withCpu<T>(
  server: ServerProcess,
  peaks: PhasePeaks,
  phase: () => Promise<T>,
): Promise<{ value: T; cpu: CpuShare; peak: number }> {
  peaks.start();
  const serverBefore = server.cpuSeconds() ?? Number.NaN;
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  const value = await phase();
  const seconds = (performance.now() - started) / 1000;
  const self = process.cpuUsage(selfBefore);
  return {
    value,
    cpu: {
      server: ((server.cpuSeconds() ?? Number.NaN) - serverBefore) / seconds,
      loadGenerator: (self.user + self.system) / 1e6 / seconds,
    },
    peak: peaks.end(),
  };
}

/** A login token per manufacturer, through `POST /v1/auth/login` as an analyst gets one. */
async function loginAll(url: string, logins: readonly BenchLogin[]): Promise<ManufacturerToken[]> {
  return Promise.all(
    logins.map(async (login) => {
      const response = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: login.username, password: login.password }),
      });
      if (response.status !== 200) {
        throw new Error(`login of ${login.username}: ${response.status} ${await response.text()}`);
      }
      const { token } = (await response.json()) as { token: string };
      return { manufacturerId: login.manufacturerId, token };
    }),
  );
}

function summarise(options: BenchOptions, fill: FillResult, results: readonly RunResult[]) {
  const pick = (f: (r: RunResult) => number, digits = 2) => round(median(results.map(f)), digits);
  const sum = (f: (r: RunResult) => number) => results.reduce((total, r) => total + f(r), 0);
  const cpu = (phase: keyof RunResult['cpu']) => ({
    server: pick((r) => r.cpu[phase].server),
    loadGenerator: pick((r) => r.cpu[phase].loadGenerator),
  });
  // The server's CPU (all its threads) per acknowledged ticket.
  const serverMicros = (phase: 'single' | 'batch') =>
    pick((r) => (r.cpu[phase].server * 1e6) / r[phase].perSec, 0);
  const machine = machineFacts();
  return {
    runs: options.runs,
    durationSec: options.duration,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    batchParallel: options.batchParallel,
    queryConcurrency: options.queryConcurrency,
    streamRate: options.streamRate,
    readModelTickets: fill.tickets,
    readModelLines: fill.lines,
    readModelMb: fill.fileMb,
    readModelDays: `${fill.firstDay}..${fill.lastDay}`,
    fillSeconds: round(fill.seconds, 1),
    singlePerSec: Math.round(pick((r) => r.single.perSec)),
    singleP50Ms: pick((r) => r.single.p50Ms),
    singleP99Ms: pick((r) => r.single.p99Ms),
    singleCount: sum((r) => r.single.acknowledged),
    singleErrors: sum((r) => r.single.errors),
    singleServerCpuMicrosPerTicket: serverMicros('single'),
    batchTicketsPerSec: Math.round(pick((r) => r.batch.perSec)),
    batchServerCpuMicrosPerTicket: serverMicros('batch'),
    batchP50Ms: pick((r) => r.batch.p50Ms),
    batchP99Ms: pick((r) => r.batch.p99Ms),
    batchCount: sum((r) => r.batch.acknowledged),
    batchErrors: sum((r) => r.batch.errors),
    projectorCatchUpMs: Math.round(pick((r) => r.projectorCatchUpMs)),
    salesQueryPerSec: pick((r) => r.query.perSec, 1),
    salesQueryP50Ms: pick((r) => r.query.p50Ms),
    salesQueryP99Ms: pick((r) => r.query.p99Ms),
    salesQueryCount: sum((r) => r.query.count),
    salesQueryErrors: sum((r) => r.query.errors),
    salesQueryRows: Math.round(pick((r) => r.query.averageRows)),
    streamLagP50Ms: pick((r) => r.stream.p50Ms),
    streamLagP99Ms: pick((r) => r.stream.p99Ms),
    streamSendToEventP50Ms: pick((r) => r.stream.fromSendP50Ms),
    streamSendToEventP99Ms: pick((r) => r.stream.fromSendP99Ms),
    streamLagCount: sum((r) => r.stream.matched),
    streamMissed: sum((r) => r.stream.missed),
    streamBeforeAck: sum((r) => r.stream.beforeAck),
    streamErrors: sum((r) => r.stream.errors),
    serverIdleRssMb: pick((r) => r.serverIdleRssMb, 0),
    serverPeakRssMb: pick((r) => r.serverPeakRssMb, 0),
    serverPeakRssByPhaseMb: {
      single: pick((r) => r.peakRssMb.single, 0),
      batch: pick((r) => r.peakRssMb.batch, 0),
      logins: pick((r) => r.peakRssMb.logins, 0),
      salesQuery: pick((r) => r.peakRssMb.salesQuery, 0),
      stream: pick((r) => r.peakRssMb.stream, 0),
    },
    requestsMadeLive: sum((r) => r.single.madeLive + r.batch.madeLive),
    // The headline figures of each run, to see how far apart the runs were.
    perRun: results.map((r) => ({
      singlePerSec: Math.round(r.single.perSec),
      singleP99Ms: round(r.single.p99Ms),
      batchTicketsPerSec: Math.round(r.batch.perSec),
      salesQueryP99Ms: round(r.query.p99Ms),
      streamLagP99Ms: round(r.stream.p99Ms),
      serverPeakRssMb: r.serverPeakRssMb,
      peakRssMb: r.peakRssMb,
    })),
    cpu: {
      single: cpu('single'),
      batch: cpu('batch'),
      logins: cpu('logins'),
      salesQuery: cpu('salesQuery'),
      stream: cpu('stream'),
    },
    targets: TARGETS,
    // The CPU a ticket may take, all of the server's threads together, for
    // the intake targets to fit on this machine's cores (the load generator
    // needs some of them too).
    cpuBudgetMicros: {
      single: round(cpuBudgetMicros(TARGETS.singlePerSec.min, machine.cores)),
      batch: round(cpuBudgetMicros(TARGETS.batchTicketsPerSec.min, machine.cores)),
    },
    machine,
  };
}

type Summary = ReturnType<typeof summarise>;

/** "[target ≥ X: met]" for one of the summary's figures. */
function against(summary: Summary, key: keyof typeof TARGETS): string {
  return verdict(summary[key], TARGETS[key]);
}

function report(s: Summary): string {
  const m = s.machine;
  const cores = (c: CpuShare) =>
    `CPU: server ${c.server.toFixed(2)} cores, load generator ${c.loadGenerator.toFixed(2)}`;
  return (
    [
      `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, ${m.os}, Node ${m.node}`,
      `read model: ${s.readModelTickets} tickets, ${s.readModelLines} lines (${s.readModelDays}), ${s.readModelMb} MB, filled in ${s.fillSeconds} s`,
      `runs: ${s.runs} (medians), ${s.durationSec} s per phase, server in its own process on 127.0.0.1`,
      `single intake:  ${s.singlePerSec} tickets/s ${against(s, 'singlePerSec')} at ${s.concurrency} connections, ` +
        `p50 ${s.singleP50Ms} ms, p99 ${s.singleP99Ms} ms ${against(s, 'singleP99Ms')}, ${s.singleErrors} errors; ${cores(s.cpu.single)}`,
      `                server CPU ${s.singleServerCpuMicrosPerTicket} µs a ticket; the target leaves ${Math.round(s.cpuBudgetMicros.single)} on ${m.cores} cores`,
      `batch intake:   ${s.batchTicketsPerSec} tickets/s ${against(s, 'batchTicketsPerSec')} in batches of ${s.batchSize}, ${s.batchParallel} in flight, ` +
        `per batch p50 ${s.batchP50Ms} ms, p99 ${s.batchP99Ms} ms, ${s.batchErrors} errors; ${cores(s.cpu.batch)}`,
      `                server CPU ${s.batchServerCpuMicrosPerTicket} µs a ticket; the target leaves ${Math.round(s.cpuBudgetMicros.batch)} on ${m.cores} cores`,
      `projector:      caught up ${s.projectorCatchUpMs} ms after the batch phase`,
      `sales query:    p50 ${s.salesQueryP50Ms} ms, p99 ${s.salesQueryP99Ms} ms ${against(s, 'salesQueryP99Ms')}, ` +
        `${s.salesQueryPerSec}/s at ${s.queryConcurrency} in flight, ~${s.salesQueryRows} rows each, ${s.salesQueryErrors} errors; ${cores(s.cpu.salesQuery)}`,
      `stream lag:     p50 ${s.streamLagP50Ms} ms, p99 ${s.streamLagP99Ms} ms ${against(s, 'streamLagP99Ms')} at ${s.streamRate} tickets/s, ` +
        `${s.streamLagCount} matched, ${s.streamMissed} missed, ${s.streamErrors} errors; ${cores(s.cpu.stream)}`,
      `                (from sending the ticket to its event: p50 ${s.streamSendToEventP50Ms} ms, p99 ${s.streamSendToEventP99Ms} ms)`,
      `server memory:  peak RSS ${s.serverPeakRssMb} MB ${against(s, 'serverPeakRssMb')} (${s.serverIdleRssMb} MB after start; ` +
        `by phase: single ${s.serverPeakRssByPhaseMb.single}, batch ${s.serverPeakRssByPhaseMb.batch}, ` +
        `logins ${s.serverPeakRssByPhaseMb.logins}, query ${s.serverPeakRssByPhaseMb.salesQuery}, stream ${s.serverPeakRssByPhaseMb.stream} MB)`,
      ...(s.requestsMadeLive > 0
        ? [`note: ${s.requestsMadeLive} requests were built during phases (pool too small)`]
        : []),
    ].join('\n') + '\n'
  );
}

async function main(): Promise<void> {
  const options = new Command()
    .name('bench:api')
    .option('--duration <s>', 'seconds per phase', wholeOption('--duration'), 10)
    .option(
      '--concurrency <n>',
      'connections of the single-ticket phase',
      wholeOption('--concurrency'),
      64,
    )
    .option(
      '--read-model-tickets <n>',
      'synthetic tickets in the read model',
      wholeOption('--read-model-tickets'),
      1_000_000,
    )
    .option('--runs <n>', 'runs; figures are medians over runs', wholeOption('--runs'), 3)
    .option('--batch-size <n>', 'tickets per batch (≤ 1000)', wholeOption('--batch-size'), 500)
    .option('--batch-parallel <n>', 'batches in flight', wholeOption('--batch-parallel'), 4)
    .option(
      '--query-concurrency <n>',
      'sales reports in flight',
      wholeOption('--query-concurrency'),
      1,
    )
    .option(
      '--stream-rate <n>',
      'tickets/s during the stream phase',
      wholeOption('--stream-rate'),
      200,
    )
    .option('--cpu-prof-dir <dir>', 'write a V8 CPU profile of each server process here')
    .option('--json', 'print one JSON object')
    .parse()
    .opts<BenchOptions>();

  const progress = (text: string) => {
    if (!options.json) process.stderr.write(text);
  };
  const workDir = mkdtempSync(join(tmpdir(), 'eter-bench-api-'));
  try {
    const template = join(workDir, 'template');
    const history = new SyntheticWorkload({ seed: 7, runId: 'hist' });
    const access = await prepareBenchNetwork(template, history);
    const today = new Date();
    const endDate = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
    );
    const fill = fillReadModel(join(template, READ_MODEL_FILE), history, {
      tickets: options.readModelTickets,
      days: HISTORY_DAYS,
      endDate,
      onProgress: (done) => {
        if (done % 100_000 < 10_000) progress(`\rfilling the read model: ${done} tickets`);
      },
    });
    progress(`\rread model filled: ${fill.tickets} tickets in ${fill.seconds.toFixed(1)} s\n`);

    const results: RunResult[] = [];
    for (let run = 0; run < options.runs; run++) {
      results.push(await runOnce(options, template, access, fill, run, workDir));
      progress(`run ${run + 1}/${options.runs} done\n`);
    }
    const summary = summarise(options, fill, results);
    process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : report(summary));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
