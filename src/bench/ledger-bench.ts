/**
 * `npm run bench:ledger -- --tickets N [--runs R] [--preload M] [--json]`:
 * records synthetic tickets through the contract on the embedded ledger with
 * durable commits, and compares with plain SQLite inserts of the same rows in
 * the same run. With `--preload`, both first take M tickets unmeasured, so
 * that the figures are those of a ledger that already holds them. With
 * `--baseline REV`, runs this tree's bench and REV's in turn instead
 * (`baseline-run.ts`).
 */
import { Command } from 'commander';
import { CliError } from '../cli/cli-error';
import { wholeOption } from '../cli/cli-options';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractClient } from '../client/contract-client';
import { newContracts } from '../contract';
import {
  defaultVerifyThreads,
  EmbeddedLedger,
  LEDGER_FILE,
  LedgerStore,
  verifyLedger,
} from '../ledger/embedded';
import { LOCAL_OPERATOR_MSP, LOCAL_RETAILER_MSP, localIdentities } from '../node/local-node';
import { contractEndorsers } from '../node/contract-endorsers';
import { provisionNetwork } from '../sim/provision';
import { SyntheticWorkload } from '../sim/workload';
import { compareWithBaseline } from './baseline-run';
import { revisionOption } from './baseline-compare';
import { openRun, recordAll, type LedgerModules } from './ledger-run';
import { machineFacts, peakRssMb } from './machine';
import { plainInsertRate } from './plain-insert';
import { median, quantile, round } from './stats';
import {
  describeStored,
  medianStored,
  snapshotStore,
  storedPerTicket,
  type StoredBytes,
} from './stored-bytes';
import { cpuBudgetMicros, verdict } from './targets';

/** This tree's ledger, for the run driver (`ledger-run.ts`). */
const OWN: LedgerModules = {
  EmbeddedLedger,
  LEDGER_FILE,
  newContracts,
  ContractClient,
  contractEndorsers,
  provisionNetwork,
  SyntheticWorkload,
  localIdentities,
  LOCAL_OPERATOR_MSP,
  LOCAL_RETAILER_MSP,
};

/** What the ledger issue asks of this benchmark on a 2-core machine. */
const TARGETS = {
  ticketsPerSec: { min: 10_000 },
  ratioToPlainInsert: { min: 0.3 },
  verifyTxPerSec: { min: 100_000 },
} as const;

interface BenchOptions {
  tickets: number;
  preload: number;
  runs: number;
  concurrency: number;
  blockSize: number;
  blockTimeoutMs: number;
  endorsers: number;
  json?: boolean;
  baseline?: string;
}

interface RunResult {
  ticketsPerSec: number;
  cpuMicrosPerTicket: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  blocks: number;
  plainInsertPerSec: number;
  verifyTxPerSec: number;
  /** CPU of every thread of the process while verifying, per transaction. */
  verifyCpuMicrosPerTx: number;
  verifyThreads: number;
  /** Transactions in the ledger verified: provisioning, preloaded and measured. */
  ledgerTransactions: number;
  averageLines: number;
  stored: StoredBytes;
}

async function runOnce(options: BenchOptions, run: number): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eter-bench-'));
  try {
    const { ledger, file, preloaded, tickets, rows } = await openRun(OWN, options, dir, run);
    const averageLines = tickets.reduce((sum, t) => sum + t.lines.length, 0) / tickets.length;
    const storedBefore = snapshotStore(file);
    const heightBefore = await ledger.height();

    const latencies = new Float64Array(rows.length);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const failed = await recordAll(OWN, ledger, rows, options.concurrency, latencies);
    const seconds = (performance.now() - started) / 1000;
    // All threads of the process (the ledger's and V8's); steadier than
    // throughput on a shared machine, whose speed drifts from run to run.
    const cpu = process.cpuUsage(cpuBefore);
    const blocks = (await ledger.height()) - heightBefore;
    await ledger.close();
    const stored = storedPerTicket(storedBefore, snapshotStore(file), rows.length);

    const store = new LedgerStore(file, { readonly: true });
    const verifyStarted = performance.now();
    const verifyCpuBefore = process.cpuUsage();
    // As `eter verify` does by default.
    const threads = defaultVerifyThreads(store.blockCount());
    const report = verifyLedger(store, ledger.key.publicKey, undefined, { threads });
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    const verifyCpu = process.cpuUsage(verifyCpuBefore);
    store.close();
    if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.failure)}`);

    return {
      ticketsPerSec: rows.length / seconds,
      cpuMicrosPerTicket: (cpu.user + cpu.system) / rows.length,
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      failed,
      blocks,
      plainInsertPerSec: plainInsertRate(dir, rows, options.blockSize, preloaded),
      verifyTxPerSec: report.transactions / verifySeconds,
      verifyCpuMicrosPerTx: (verifyCpu.user + verifyCpu.system) / report.transactions,
      verifyThreads: threads,
      ledgerTransactions: report.transactions,
      averageLines,
      stored,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .name('bench:ledger')
    .option('--tickets <n>', 'tickets per run', wholeOption('--tickets'), 20_000)
    .option(
      '--preload <n>',
      'tickets recorded first, unmeasured, into the same ledger (and the plain table)',
      wholeOption('--preload', 0),
      0,
    )
    .option('--runs <n>', 'runs; figures are medians over runs', wholeOption('--runs'), 3)
    .option('--concurrency <n>', 'tickets in flight', wholeOption('--concurrency'), 1_000)
    .option('--block-size <n>', 'max transactions per block', wholeOption('--block-size'), 500)
    .option('--block-timeout-ms <n>', 'block cut timeout', wholeOption('--block-timeout-ms'), 50)
    .option(
      '--endorsers <n>',
      'endorsing threads (0: endorse on the main thread)',
      wholeOption('--endorsers', 0),
      1,
    )
    .option('--json', 'print one JSON object')
    .option(
      '--baseline <rev>',
      'compare with the bench of commit REV, built in a cache folder, runs alternating',
      revisionOption('--baseline'),
    )
    .parse()
    .opts<BenchOptions>();
  if (options.baseline !== undefined) {
    compareWithBaseline(options.baseline, options);
    return;
  }

  const results: RunResult[] = [];
  for (let run = 0; run < options.runs; run++) {
    results.push(await runOnce(options, run));
    if (!options.json) process.stderr.write(`run ${run + 1}/${options.runs} done\n`);
  }
  const pick = (f: (r: RunResult) => number) => round(median(results.map(f)));
  const ticketsPerSec = pick((r) => r.ticketsPerSec);
  const plainInsertPerSec = pick((r) => r.plainInsertPerSec);
  const machine = machineFacts();
  const summary = {
    tickets: options.tickets,
    preload: options.preload,
    runs: options.runs,
    concurrency: options.concurrency,
    blockSize: options.blockSize,
    blockTimeoutMs: options.blockTimeoutMs,
    endorsers: options.endorsers,
    averageLines: pick((r) => r.averageLines),
    ticketsPerSec: Math.round(ticketsPerSec),
    cpuMicrosPerTicket: Math.round(pick((r) => r.cpuMicrosPerTicket)),
    p50Ms: pick((r) => r.p50Ms),
    p99Ms: pick((r) => r.p99Ms),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    blocksPerRun: pick((r) => r.blocks),
    plainInsertPerSec: Math.round(plainInsertPerSec),
    ratioToPlainInsert: round(ticketsPerSec / plainInsertPerSec, 3),
    verifyTxPerSec: Math.round(pick((r) => r.verifyTxPerSec)),
    verifyCpuMicrosPerTx: Math.round(pick((r) => r.verifyCpuMicrosPerTx)),
    verifyThreads: pick((r) => r.verifyThreads),
    ledgerTransactions: pick((r) => r.ledgerTransactions),
    // Pages in use a ticket, from SQLite's page counts (stored-bytes.ts).
    storedBytesPerTicket: Math.round(pick((r) => r.stored.total)),
    stored: medianStored(
      results.map((r) => r.stored),
      (v) => round(median(v)),
    ),
    peakRssMb: peakRssMb(),
    targets: TARGETS,
    // The CPU a unit may take for the targets to fit on this machine's cores.
    cpuBudgetMicros: {
      ticket: round(cpuBudgetMicros(TARGETS.ticketsPerSec.min, machine.cores)),
      ticketAtRatio: round(
        cpuBudgetMicros(TARGETS.ratioToPlainInsert.min * plainInsertPerSec, machine.cores),
      ),
      verifyTx: round(cpuBudgetMicros(TARGETS.verifyTxPerSec.min, machine.cores)),
    },
    machine,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const m = summary.machine;
  const budget = summary.cpuBudgetMicros;
  process.stdout.write(
    [
      `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, ${m.os}, Node ${m.node}`,
      `workload: ${summary.tickets} tickets/run (${summary.averageLines} lines avg)` +
        `${summary.preload > 0 ? ` into a ledger holding ${summary.preload}` : ''}, ${summary.runs} runs (medians), ` +
        `${summary.concurrency} in flight, blocks of ≤ ${summary.blockSize} tx / ${summary.blockTimeoutMs} ms, ` +
        `${summary.endorsers === 0 ? 'endorsing on the main thread' : `${summary.endorsers} endorsing thread(s)`}`,
      `through the contract: ${summary.ticketsPerSec} tickets/s ${verdict(summary.ticketsPerSec, TARGETS.ticketsPerSec)}, ` +
        `commit latency p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ${summary.failed} failed`,
      `CPU per ticket:       ${summary.cpuMicrosPerTicket} µs (all threads); on ${m.cores} cores the targets leave ` +
        `${Math.round(budget.ticket)} (${TARGETS.ticketsPerSec.min} tickets/s) and ${Math.round(budget.ticketAtRatio)} (${TARGETS.ratioToPlainInsert.min * 100} % of plain insert)`,
      `plain SQLite insert:  ${summary.plainInsertPerSec} rows/s (ledger = ${(summary.ratioToPlainInsert * 100).toFixed(1)} % of it) ` +
        verdict(
          summary.ratioToPlainInsert * 100,
          { min: TARGETS.ratioToPlainInsert.min * 100 },
          ' %',
        ),
      `eter verify:          ${summary.verifyTxPerSec} tx/s ${verdict(summary.verifyTxPerSec, TARGETS.verifyTxPerSec)} over ${summary.ledgerTransactions} transactions ` +
        `(${summary.verifyThreads} checking thread(s) beside the replay); CPU ${summary.verifyCpuMicrosPerTx} µs a transaction, the target leaves ${Math.round(budget.verifyTx)}`,
      `stored a ticket:      ${describeStored(summary.stored)}`,
      `peak RSS:             ${summary.peakRssMb} MB`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`bench:ledger: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
