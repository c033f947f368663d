import type { Command } from 'commander';
import { PosSimulator, type SimulatorStats } from '../../sim/pos-simulator';
import { syntheticTickets } from '../../sim/ticket-stream';
import { SyntheticWorkload } from '../../sim/workload';
import { CliError } from '../cli-error';
import {
  parseDuration,
  parsePositive,
  parseShare,
  parseStoreKeys,
  parseWhole,
  repeatable,
} from '../cli-options';
import { DEFAULT_DATA_DIR } from '../data-dir';
import { progressLine, simulationSummary } from '../simulation-report';
import { TerminalKeyLease } from '../terminal-key-lease';
import {
  FROM_STDIN,
  KEY_HELP,
  keyWords,
  readStdinKeys,
  TERMINAL_KEYS_ENV,
} from '../terminal-key-input';
import { writeTicketFiles } from '../ticket-folder';

/** The collector `eter simulate` and `eter import` talk to unless told otherwise. */
export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:8080';

/** The terminal the keys minted by `eter simulate --data` belong to. */
export const SIMULATOR_TERMINAL = 'sim-01';

/** One simulation run, as `eter simulate` does it; also for running one in-process. */
export interface SimulationRun {
  /** Base URL of the collector. */
  readonly url: string;
  /** A terminal key for each of the stores `store-001` … `store-<stores>`. */
  readonly keys: ReadonlyMap<string, string>;
  /** How many stores play. */
  readonly stores: number;
  /** Loyalty customers `cust-000001` …; default 500, as `eter demo` registers. */
  readonly customers?: number;
  /** Target tickets per second. */
  readonly rate: number;
  /** Stop after this many tickets. */
  readonly tickets?: number;
  /** Stop after this long. */
  readonly durationMs?: number;
  /** Seed of the workload and of the choice of returns (default 1). */
  readonly seed?: number;
  /** Share of returns (default 0.02). */
  readonly returnShare?: number;
  /** Most requests in flight (default 256). */
  readonly maxInFlight?: number;
  /** Stops the run (Ctrl-C); requests in flight still finish. */
  readonly signal?: AbortSignal;
  /** Tag of this run's ticket ids; default: from the clock, so that runs never collide. */
  readonly runId?: string;
  /** Where the live status line goes, if it is a terminal; default standard error. */
  readonly statusStream?: NodeJS.WriteStream;
  /** Where the summary lines go; default standard output. */
  readonly print?: (line: string) => void;
}

/**
 * Runs a POS simulation against a collector and prints its summary; returns
 * the final stats. `npm start`'s demo calls this in the process that runs
 * the server, with keys it minted itself.
 */
export async function runSimulation(run: SimulationRun): Promise<SimulatorStats> {
  const workload = new SyntheticWorkload({
    stores: run.stores,
    customers: run.customers ?? 500,
    seed: run.seed ?? 1,
    runId: run.runId ?? Date.now().toString(36),
  });
  const status = run.statusStream ?? process.stderr;
  const live = status.isTTY === true;
  const simulator = new PosSimulator({
    url: run.url,
    keys: run.keys,
    workload,
    rate: run.rate,
    seed: run.seed ?? 1,
    ...(run.tickets === undefined ? {} : { tickets: run.tickets }),
    ...(run.durationMs === undefined ? {} : { durationMs: run.durationMs }),
    ...(run.returnShare === undefined ? {} : { returnShare: run.returnShare }),
    ...(run.maxInFlight === undefined ? {} : { maxInFlight: run.maxInFlight }),
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    ...(live
      ? { onProgress: (s: SimulatorStats) => status.write(`\r\x1b[2K${progressLine(s)}`) }
      : {}),
  });
  let stats: SimulatorStats;
  try {
    stats = await simulator.run();
  } finally {
    if (live) status.write('\r\x1b[2K');
  }
  const print = run.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const line of simulationSummary(stats, { url: run.url, stores: run.stores })) print(line);
  return stats;
}

interface SimulateOptions {
  url: string;
  stores: string;
  customers: string;
  rate: string;
  duration?: string;
  tickets?: string;
  seed: string;
  returns: string;
  concurrency: string;
  key?: string[];
  data?: string;
  out?: string;
  perFile: string;
}

/**
 * `eter simulate`: point-of-sale traffic against a running collector, over
 * HTTP as tills would send it; or, with `--out`, the same synthetic tickets
 * written to files for `eter import`.
 */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'send realistic POS traffic to a collector (or, with --out, write it to ticket files)',
    )
    .option('--url <url>', 'collector base URL', DEFAULT_COLLECTOR_URL)
    .option('--stores <n>', 'stores store-001, store-002, … (as eter demo registers)', '12')
    .option('--customers <n>', 'loyalty customers cust-000001, … (as eter demo registers)', '500')
    .option('--rate <r>', 'target tickets per second (open loop)', '20')
    .option('--duration <d>', 'stop after 30s, 5m, 1h… (default: at Ctrl-C)')
    .option('--tickets <n>', 'stop after N tickets')
    .option('--seed <n>', 'seed of the synthetic workload', '1')
    .option('--returns <share>', 'share of tickets that return an acknowledged sale', '0.02')
    .option('--concurrency <n>', 'most requests in flight', '256')
    .option(
      '--key <store=key>',
      `a store's terminal key (repeat for every store); - reads STORE=KEY pairs from standard input (env ${TERMINAL_KEYS_ENV}, preferred)`,
      repeatable,
    )
    .option(
      '-d, --data <dir>',
      "the server's data folder: mint a key per store there, revoked at the end (env ETER_DATA; default ./data)",
    )
    .option('--out <dir>', 'write --tickets N tickets as JSON files for eter import; send nothing')
    .option('--per-file <n>', 'tickets per file with --out', '100')
    .addHelpText('after', KEY_HELP)
    .action(async (options: SimulateOptions) => {
      const stores = parseWhole(options.stores, '--stores');
      const customers = parseWhole(options.customers, '--customers');
      const seed = parseWhole(options.seed, '--seed', 0);
      const returnShare = parseShare(options.returns, '--returns');
      const tickets =
        options.tickets === undefined ? undefined : parseWhole(options.tickets, '--tickets');
      if (options.out !== undefined) {
        if (tickets === undefined) throw new CliError('--out needs --tickets N');
        writeFiles(options.out, { stores, customers, seed, returnShare, tickets }, options.perFile);
        return;
      }
      const rate = parsePositive(options.rate, '--rate');
      const durationMs =
        options.duration === undefined ? undefined : parseDuration(options.duration, '--duration');
      const maxInFlight = parseWhole(options.concurrency, '--concurrency');
      const storeIds = new SyntheticWorkload({ stores, customers: 1 }).storeIds;
      if (options.key !== undefined && options.data !== undefined)
        throw new CliError('give either --key STORE=KEY … or --data DIR, not both');
      const pairs = await keyPairs(options);
      const lease =
        pairs === undefined
          ? new TerminalKeyLease(
              options.data ?? process.env.ETER_DATA ?? DEFAULT_DATA_DIR,
              SIMULATOR_TERMINAL,
            )
          : undefined;
      const controller = new AbortController();
      const onSigint = () => {
        if (controller.signal.aborted) {
          lease?.release(); // synchronous: the keys do not outlive even a hurried exit
          process.exit(130);
        }
        controller.abort();
        process.stderr.write(
          '\nstopping: waiting for the requests in flight (Ctrl-C again to quit now)\n',
        );
      };
      process.on('SIGINT', onSigint);
      let stats: SimulatorStats;
      try {
        const keys =
          lease === undefined
            ? givenKeys(pairs ?? [], storeIds)
            : new Map(storeIds.map((id) => [id, lease.keyFor(id)]));
        stats = await runSimulation({
          url: options.url,
          keys,
          stores,
          customers,
          rate,
          seed,
          returnShare,
          maxInFlight,
          signal: controller.signal,
          ...(tickets === undefined ? {} : { tickets }),
          ...(durationMs === undefined ? {} : { durationMs }),
        });
      } finally {
        process.off('SIGINT', onSigint);
        const revoked = lease?.release();
        if (revoked !== undefined)
          process.stderr.write(`revoked the ${revoked} keys of terminal ${SIMULATOR_TERMINAL}\n`);
      }
      if (stats.accepted === 0) throw new CliError('no ticket was accepted', 1);
    });
}

/**
 * The `STORE=KEY` pairs given: `--key` (`-` reads standard input), else the
 * environment unless `--data` is given; `undefined` to mint keys instead.
 */
async function keyPairs(options: SimulateOptions): Promise<string[] | undefined> {
  if (options.key !== undefined) {
    const pairs: string[] = [];
    for (const key of options.key)
      pairs.push(...(key === FROM_STDIN ? await readStdinKeys() : [key]));
    return pairs;
  }
  if (options.data !== undefined) return undefined;
  const fromEnv = keyWords(process.env[TERMINAL_KEYS_ENV] ?? '');
  return fromEnv.length === 0 ? undefined : fromEnv;
}

/** The `--key` pairs, which must cover every simulated store. */
function givenKeys(pairs: readonly string[], storeIds: readonly string[]): Map<string, string> {
  const keys = parseStoreKeys(pairs, '--key');
  const missing = storeIds.filter((id) => !keys.has(id));
  if (missing.length > 0) {
    throw new CliError(
      `no --key for ${missing.join(', ')}: give one per store, lower --stores, or use --data DIR`,
    );
  }
  return keys;
}

function writeFiles(
  dir: string,
  run: { stores: number; customers: number; seed: number; returnShare: number; tickets: number },
  perFileText: string,
): void {
  const perFile = parseWhole(perFileText, '--per-file');
  const workload = new SyntheticWorkload({
    stores: run.stores,
    customers: run.customers,
    seed: run.seed,
    runId: Date.now().toString(36),
  });
  let returns = 0;
  const stream = (function* () {
    for (const t of syntheticTickets(workload, run.tickets, {
      returnShare: run.returnShare,
      seed: run.seed,
    })) {
      if (t.type === 'return') returns++;
      yield t;
    }
  })();
  const written = writeTicketFiles(dir, stream, perFile);
  process.stdout.write(
    `wrote ${written.tickets} tickets (${returns} returns) in ${written.files} files to ${dir}\n`,
  );
}
