/**
 * `npm run bench:ledger -- --baseline REV [options]`: builds REV once into a
 * cache folder (`baseline-tree.ts`), then runs REV's bench and this tree's
 * as child processes, alternating baseline, current, baseline, current… for
 * `--runs` pairs, each child one run with the same options (the same seeded
 * tickets), and reports each figure's medians and change
 * (`baseline-compare.ts`). Stored bytes come from the probe
 * (`stored-bytes-probe.ts`), run on both trees after each pair.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { allWithin, compareRuns, formatComparison, TOLERANCE } from './baseline-compare';
import { baselineTree, resolveCommit } from './baseline-tree';
import type { RunShape } from './ledger-run';
import { machineFacts } from './machine';
import type { StoredBytes } from './stored-bytes';

export interface CompareOptions extends RunShape {
  readonly runs: number;
  readonly json?: boolean;
}

/** This tree: dist/src/bench/ is three levels down. */
const ROOT = resolve(__dirname, '..', '..', '..');

/** Runs a script of the benches in a child and parses the last line of its stdout as JSON. */
function runChild(script: string, args: readonly string[]): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--max-semi-space-size=32', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env },
  });
  if (child.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} exited with ${child.status ?? child.signal}`);
  }
  const lines = String(child.stdout).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

/** The numeric figures at the top level of a bench's JSON. */
function numbers(json: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(json)) if (typeof value === 'number') out[key] = value;
  return out;
}

/** The probe's figures under the keys `baseline-compare.ts` compares (`storedBytes`, `storedBytes.tx`, …). */
function storedFigures(stored: StoredBytes): Record<string, number> {
  const out: Record<string, number> = { storedBytes: stored.total };
  for (const [table, bytes] of Object.entries(stored.tables)) out[`storedBytes.${table}`] = bytes;
  for (const [column, bytes] of Object.entries(stored.columns))
    out[`storedBytes.${column}`] = bytes;
  return out;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export function compareWithBaseline(rev: string, options: CompareOptions): void {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const sha = resolveCommit(ROOT, rev, '--baseline');
  const sides = [
    { name: 'baseline', tree: baselineTree(ROOT, sha, log) },
    { name: 'current', tree: ROOT },
  ] as const;
  const shape = [
    ['--tickets', options.tickets],
    ['--preload', options.preload],
    ['--concurrency', options.concurrency],
    ['--block-size', options.blockSize],
    ['--block-timeout-ms', options.blockTimeoutMs],
    ['--endorsers', options.endorsers],
  ].flatMap(([flag, value]) => [String(flag), String(value)]);
  const loadBefore = load();
  const perRun = {
    baseline: [] as Record<string, number>[],
    current: [] as Record<string, number>[],
  };
  for (let pair = 0; pair < options.runs; pair++) {
    // One run a child: each draws the tickets of run 0, so both sides record the same ones.
    for (const side of sides) {
      const bench = runChild(join(side.tree, 'bin', 'bench-ledger.js'), [
        ...shape,
        '--runs',
        '1',
        '--json',
      ]);
      perRun[side.name].push(numbers(bench));
      log(`pair ${pair + 1}/${options.runs}: ${side.name} bench done`);
    }
    // The current bench reports stored bytes itself, but the baseline's may not: both sides
    // are measured by the one probe, for the same method on each (stored-bytes-probe.ts).
    for (const side of sides) {
      const probe = join(ROOT, 'dist', 'src', 'bench', 'stored-bytes-probe.js');
      const stored = runChild(probe, ['--tree', side.tree, ...shape]) as unknown as StoredBytes;
      Object.assign(perRun[side.name][pair]!, storedFigures(stored));
    }
    log(`pair ${pair + 1}/${options.runs}: stored bytes measured`);
  }
  const comparisons = compareRuns(perRun.baseline, perRun.current);
  const machine = machineFacts();
  const ok = allWithin(comparisons);
  if (options.json) {
    const summary = {
      baseline: { rev, commit: sha, tree: sides[0].tree },
      ...options,
      tolerancePct: TOLERANCE * 100,
      comparisons,
      ok,
      perRun,
      loadAverage: { before: loadBefore, after: load() },
      machine,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stdout.write(
    [
      `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, ${machine.os}, Node ${machine.node}; ` +
        `load average ${loadBefore} before, ${load()} after`,
      `baseline: ${rev} (${sha.slice(0, 12)}), built in ${sides[0].tree}`,
      `workload: ${options.tickets} tickets a run` +
        `${options.preload > 0 ? ` into a ledger holding ${options.preload}` : ''}, ${options.runs} pairs ` +
        `(baseline then current, one run a child; medians), ${options.concurrency} in flight, ` +
        `blocks of ≤ ${options.blockSize} tx / ${options.blockTimeoutMs} ms, ${options.endorsers} endorsing thread(s)`,
      formatComparison(comparisons),
    ].join('\n') + '\n',
  );
}
