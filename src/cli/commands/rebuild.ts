import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openLocalLedger } from '../../node/local-node';
import {
  projectUpTo,
  READ_MODEL_FILE,
  ReadModel,
  readModelDigest,
  rebuildReadModel,
  type RebuildProgress,
} from '../../readmodel';
import { dataOption, existingLedgerDir } from '../data-dir';

interface RebuildOptions {
  data: string;
  check?: boolean;
  json?: boolean;
}

/**
 * `eter rebuild`: drops the read model and projects it again from the
 * ledger. The new one is built beside the old and swapped in when complete,
 * so an interrupted rebuild leaves the old one in place.
 *
 * With `--check`, nothing is replaced: the existing read model is brought up
 * to the ledger's height (as a restarting server would), a fresh one is built
 * beside it, and the two are compared row for row; exit 1 if they differ.
 */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild the read model from the ledger (the server must be stopped)')
    .option(...dataOption)
    .option('--check', 'compare the existing read model with a fresh rebuild; replace nothing')
    .option('--json', 'print the result as JSON')
    .action(async (options: RebuildOptions) => {
      const dir = existingLedgerDir(options.data);
      const ledger = openLocalLedger(dir);
      const file = join(dir, READ_MODEL_FILE);
      const fresh = `${file}.rebuild`;
      removeDatabase(fresh);
      const started = process.hrtime.bigint();
      let result: Record<string, unknown>;
      try {
        const rebuilt = ReadModel.open(fresh);
        let blocks: number;
        try {
          ({ blocks } = await withProgress(options, (onProgress) =>
            rebuildReadModel(ledger, rebuilt, onProgress),
          ));
          result = { blocks, ...readModelDigest(rebuilt.db) };
        } finally {
          rebuilt.close();
        }
        if (options.check) {
          const existing = ReadModel.open(file);
          try {
            await projectUpTo(ledger, existing, blocks);
            const current = readModelDigest(existing.db);
            result = { ...result, matches: current.digest === result.digest, existing: current };
          } finally {
            existing.close();
          }
          removeDatabase(fresh);
        } else {
          removeDatabase(file);
          renameSync(fresh, file);
        }
      } finally {
        await ledger.close();
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
      } else if (options.check) {
        process.stdout.write(
          result.matches
            ? `read model matches the ledger: ${String(result.rows)} rows from ${String(result.blocks)} blocks (sha256 ${String(result.digest)})\n`
            : `READ MODEL DIFFERS from a rebuild of the ledger (${String(result.blocks)} blocks)\n`,
        );
      } else {
        process.stdout.write(
          `read model rebuilt: ${String(result.rows)} rows from ${String(result.blocks)} blocks in ${seconds.toFixed(2)} s\n`,
        );
      }
      if (options.check && result.matches !== true) process.exitCode = 1;
    });
}

async function withProgress<T>(
  options: RebuildOptions,
  work: (onProgress: (p: RebuildProgress) => void) => Promise<T>,
): Promise<T> {
  const bar =
    process.stderr.isTTY && !options.json
      ? new SingleBar(
          { format: 'rebuilding {bar} {value}/{total} blocks {eta_formatted}' },
          Presets.shades_classic,
        )
      : undefined;
  let started = false;
  try {
    return await work((p) => {
      if (!started) bar?.start(p.height, 0);
      started = true;
      bar?.update(p.block + 1);
    });
  } finally {
    bar?.stop();
  }
}

/** Removes a SQLite database with its WAL and shared-memory files. */
function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) rmSync(file + suffix);
  }
}
