/**
 * `node dist/src/bench/stored-bytes-probe.js --tree DIR [bench:ledger's shape
 * options]`: records one bench:ledger run's tickets through the ledger
 * compiled in DIR (this tree's or a baseline's) and prints, as one JSON
 * object, the bytes they added to the ledger database a ticket
 * (`stored-bytes.ts`). Run by `bench:ledger --baseline`, one child a run.
 *
 * Why from the outside: a baseline's bench may predate the stored-bytes
 * figure, and it deletes its ledger folder at the end of each run with no
 * flag to keep it. Hooking its file removal would tie the harness to that
 * bench's internals; instead this one driver (`ledger-run.ts`) records the
 * same seeded tickets, with the same options, through either tree's own
 * contract, record format and SQLite settings, and both files are measured
 * the same way. The CPU figures still come from each tree's own bench.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wholeOption } from '../cli/cli-options';
import { openRun, recordAll, treeModules, type RunShape } from './ledger-run';
import { snapshotStore, storedPerTicket } from './stored-bytes';

interface ProbeOptions extends RunShape {
  tree: string;
  run: number;
}

async function main(): Promise<void> {
  const options = new Command()
    .name('stored-bytes-probe')
    .requiredOption('--tree <dir>', 'the tree whose compiled ledger records')
    .option('--tickets <n>', 'tickets measured', wholeOption('--tickets'), 20_000)
    .option('--preload <n>', 'tickets recorded first', wholeOption('--preload', 0), 0)
    .option('--run <n>', 'the run index (seeds the workload)', wholeOption('--run', 0), 0)
    .option('--concurrency <n>', 'tickets in flight', wholeOption('--concurrency'), 1_000)
    .option('--block-size <n>', 'max transactions per block', wholeOption('--block-size'), 500)
    .option('--block-timeout-ms <n>', 'block cut timeout', wholeOption('--block-timeout-ms'), 50)
    .option('--endorsers <n>', 'endorsing threads', wholeOption('--endorsers', 0), 1)
    .parse()
    .opts<ProbeOptions>();
  const mods = treeModules(resolve(options.tree));
  const dir = mkdtempSync(join(tmpdir(), 'eter-stored-'));
  try {
    const { ledger, file, rows } = await openRun(mods, options, dir, options.run);
    const before = snapshotStore(file);
    const failed = await recordAll(mods, ledger, rows, options.concurrency);
    await ledger.close();
    if (failed > 0) throw new Error(`${failed} tickets failed`);
    const stored = storedPerTicket(before, snapshotStore(file), rows.length);
    process.stdout.write(`${JSON.stringify(stored)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
