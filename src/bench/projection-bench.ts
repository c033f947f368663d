/**
 * `npm run bench:projection -- --file /tmp/read-1m.db [--tickets N] [--blocks B]
 * [--block-size T] [--blocks-per-commit K] [--runs R] [--json]`: the
 * projector's cost per ticket in a large read model. Fills `--file` with
 * `--tickets` synthetic tickets the first time (and keeps it, so that later
 * invocations and other branches can be compared on the same history),
 * then each run copies it and projects `--blocks` new blocks of today's
 * tickets through `ReadModel.applyAll`, with the projector's own pragmas,
 * measuring CPU time, wall time and bytes written per projected ticket.
 */
import { Command } from 'commander';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { wholeOption } from '../cli/cli-options';
import { READ_MODEL_VERSION, ReadModel } from '../readmodel';
import { SYNTHETIC_MANUFACTURERS, SyntheticWorkload } from '../sim/workload';
import { machineFacts } from './machine';
import { fillReadModel } from './read-model-fill';
import { median, round } from './stats';
import { syntheticTicketBlock } from './synthetic-block';
import { prefixAttribution } from './synthetic-ticket-event';

interface Options {
  file: string;
  tickets: number;
  blocks: number;
  blockSize: number;
  blocksPerCommit: number;
  warmup: number;
  runs: number;
  cacheMib: number;
  json?: boolean;
}

interface RunFigures {
  cpuUsPerTicket: number;
  wallUsPerTicket: number;
  writtenKbPerTicket: number;
}

/** History in the filled file, as in bench:api. */
const HISTORY_DAYS = 60;

/** Bytes this process has caused to be written to storage (Linux), or 0. */
function bytesWritten(): number {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    return Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function runOnce(options: Options, run: number): RunFigures {
  const copy = `${options.file}.run`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(options.file, copy);
  const readModel = ReadModel.open(copy, { cacheMiB: options.cacheMib });
  try {
    // Live traffic: today's tickets, a few milliseconds apart, from another run's ids.
    const workload = new SyntheticWorkload({ seed: 100 + run, runId: `live${run}` });
    const attribution = prefixAttribution(SYNTHETIC_MANUFACTURERS);
    let at = todayUtc().getTime() + 9 * 3_600_000;
    let number = readModel.checkpoint() + 1;
    const project = (blocks: number) => {
      for (let b = 0; b < blocks; b += options.blocksPerCommit) {
        const group = [];
        for (let k = 0; k < options.blocksPerCommit && b + k < blocks; k++) {
          const issuedAts = Array.from({ length: options.blockSize }, () => new Date((at += 7)));
          group.push(
            syntheticTicketBlock(workload, attribution, number++, issuedAts, 'live').block,
          );
        }
        readModel.applyAll(group);
      }
    };
    project(options.warmup);
    const cpu = process.cpuUsage();
    const written = bytesWritten();
    const started = performance.now();
    project(options.blocks);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const tickets = options.blocks * options.blockSize;
    return {
      cpuUsPerTicket: round((used.user + used.system) / tickets, 1),
      wallUsPerTicket: round((wallMs * 1000) / tickets, 1),
      writtenKbPerTicket: round((bytesWritten() - written) / 1024 / tickets, 1),
    };
  } finally {
    readModel.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}

function main(): void {
  const options = new Command('bench-projection')
    .requiredOption('--file <path>', 'filled read model to copy (filled first if missing)')
    .option('--tickets <n>', 'tickets to fill it with', wholeOption('--tickets'), 1_000_000)
    .option('--blocks <n>', 'blocks projected per run', wholeOption('--blocks'), 100)
    .option('--block-size <n>', 'tickets per block', wholeOption('--block-size'), 64)
    .option(
      '--blocks-per-commit <n>',
      'blocks per transaction',
      wholeOption('--blocks-per-commit'),
      1,
    )
    .option('--warmup <n>', 'blocks projected before measuring', wholeOption('--warmup'), 10)
    .option('--runs <n>', 'runs; figures are medians', wholeOption('--runs'), 3)
    .option('--cache-mib <n>', 'page cache of the connection, MiB', wholeOption('--cache-mib'), 32)
    .option('--json', 'print one JSON object')
    .parse()
    .opts<Options>();
  let fillSeconds: number | undefined;
  if (!existsSync(options.file)) {
    const fill = fillReadModel(options.file, new SyntheticWorkload({ seed: 7, runId: 'hist' }), {
      tickets: options.tickets,
      days: HISTORY_DAYS,
      endDate: todayUtc(),
    });
    fillSeconds = round(fill.seconds, 1);
  }
  const runs = Array.from({ length: options.runs }, (_, run) => runOnce(options, run));
  const summary = {
    readModelVersion: READ_MODEL_VERSION,
    file: options.file,
    fillSeconds,
    blockSize: options.blockSize,
    blocksPerCommit: options.blocksPerCommit,
    cacheMib: options.cacheMib,
    cpuUsPerTicket: median(runs.map((r) => r.cpuUsPerTicket)),
    wallUsPerTicket: median(runs.map((r) => r.wallUsPerTicket)),
    writtenKbPerTicket: median(runs.map((r) => r.writtenKbPerTicket)),
    perRun: runs,
    machine: machineFacts(),
  };
  process.stdout.write(`${JSON.stringify(summary, null, options.json ? undefined : 2)}\n`);
}

main();
