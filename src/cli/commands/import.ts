import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { CollectorHttp } from '../../sim/collector-http';
import { CliError } from '../cli-error';
import { parseWhole } from '../cli-options';
import { DEFAULT_DATA_DIR } from '../data-dir';
import { TerminalKeyLease } from '../terminal-key-lease';
import {
  FROM_STDIN,
  KEY_HELP,
  keyWords,
  readStdinKeys,
  TERMINAL_KEY_ENV,
} from '../terminal-key-input';
import { readTicketFile, ticketFiles } from '../ticket-folder';
import { TicketImporter, type ImportRefusal, type ImportResult } from '../ticket-importer';
import { DEFAULT_COLLECTOR_URL } from './simulate';

/** The terminal the keys minted by `eter import --data` belong to. */
export const IMPORT_TERMINAL = 'import-01';

/** Most tickets in one batch: the collector's limit. */
const MAX_BATCH = 1000;

/** Refusals printed in full in the summary. */
const SHOWN_REFUSALS = 10;

const STORE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

interface ImportOptions {
  url: string;
  key?: string;
  data?: string;
  batchSize: string;
  concurrency: string;
}

/**
 * `eter import DIR`: replays a folder of ticket files to a collector in
 * batches, as a back office catching up after an outage would, and reports
 * every refusal with its file and position.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('send a folder of ticket files (*.json, in name order) to a collector in batches')
    .argument('<dir>', 'folder of *.json files, each one ticket or an array of tickets')
    .option('--url <url>', 'collector base URL', DEFAULT_COLLECTOR_URL)
    .option(
      '--key <key>',
      `terminal key to send every ticket with (one store); - reads it from standard input (env ${TERMINAL_KEY_ENV}, preferred)`,
    )
    .option(
      '-d, --data <dir>',
      "the server's data folder: mint a key per store met there, revoked at the end (env ETER_DATA; default ./data)",
    )
    .option('--batch-size <n>', `tickets per batch (at most ${MAX_BATCH})`, '500')
    .option('--concurrency <n>', 'batches in flight at once', '4')
    .addHelpText('after', KEY_HELP)
    .action(async (dir: string, options: ImportOptions) => {
      const batchSize = parseWhole(options.batchSize, '--batch-size');
      if (batchSize > MAX_BATCH) throw new CliError(`--batch-size is at most ${MAX_BATCH}`);
      const concurrency = parseWhole(options.concurrency, '--concurrency');
      if (options.key !== undefined && options.data !== undefined)
        throw new CliError('give either --key KEY or --data DIR, not both');
      const key = await terminalKey(options);
      const folder = resolve(dir);
      const files = ticketFiles(folder);
      if (files.length === 0) throw new CliError(`no *.json files in ${folder}`);

      // A first reading counts the tickets for the progress bar and finds unreadable files.
      const unreadable: Array<{ file: string; message: string }> = [];
      let total = 0;
      for (const file of files) {
        try {
          total += readTicketFile(join(folder, file)).length;
        } catch (error) {
          unreadable.push({ file, message: (error as Error).message });
        }
      }

      const lease =
        key === undefined
          ? new TerminalKeyLease(
              options.data ?? process.env.ETER_DATA ?? DEFAULT_DATA_DIR,
              IMPORT_TERMINAL,
            )
          : undefined;
      const keyFor = (ticket: unknown): string | undefined => {
        if (key !== undefined) return key;
        const storeId = (ticket as { storeId?: unknown } | null)?.storeId;
        // A ticket naming no usable store still goes out, so that the collector names its bad fields.
        return typeof storeId === 'string' && STORE_ID.test(storeId)
          ? lease!.keyFor(storeId)
          : lease!.anyKey();
      };
      const bar = process.stderr.isTTY
        ? new SingleBar(
            { format: 'tickets {bar} {value}/{total} {eta_formatted}' },
            Presets.shades_classic,
          )
        : undefined;
      const started = performance.now();
      let result: ImportResult;
      try {
        bar?.start(total, 0);
        const importer = new TicketImporter({
          http: new CollectorHttp(options.url),
          keyFor,
          batchSize,
          concurrency,
          onProgress: (n) => bar?.increment(n),
        });
        for (const file of files) {
          if (unreadable.some((u) => u.file === file)) continue;
          const tickets = readTicketFile(join(folder, file));
          for (const [index, ticket] of tickets.entries())
            await importer.add(ticket, { file, index });
        }
        result = await importer.finish();
      } finally {
        bar?.stop();
        lease?.release();
      }
      const seconds = (performance.now() - started) / 1000;
      for (const line of importSummary(result, files.length, seconds, unreadable))
        process.stdout.write(`${line}\n`);
      if (result.refused > 0 || unreadable.length > 0)
        throw new CliError(
          `${result.refused} tickets refused${unreadable.length > 0 ? `, ${unreadable.length} files unreadable` : ''}`,
          1,
        );
    });
}

/** The one key to send with: `--key`, `--key -` (standard input), or the environment unless `--data` is given. */
async function terminalKey(options: ImportOptions): Promise<string | undefined> {
  if (options.key === FROM_STDIN) {
    const words = await readStdinKeys();
    if (words.length > 1) throw new CliError('--key -: give one key on standard input');
    return words[0];
  }
  if (options.key !== undefined) return options.key;
  if (options.data !== undefined) return undefined;
  const fromEnv = keyWords(process.env[TERMINAL_KEY_ENV] ?? '');
  if (fromEnv.length > 1) throw new CliError(`${TERMINAL_KEY_ENV}: give one key`);
  return fromEnv[0];
}

function importSummary(
  r: ImportResult,
  files: number,
  seconds: number,
  unreadable: ReadonlyArray<{ file: string; message: string }>,
): string[] {
  const byStatus = Object.entries(r.refusedByStatus)
    .map(([status, n]) => `${status} ×${n}`)
    .join(', ');
  const lines = [
    `imported ${r.tickets} tickets from ${files} files in ${seconds.toFixed(1)} s (${Math.round(r.tickets / Math.max(seconds, 1e-3))}/s)`,
    `  recorded  ${r.recorded} (201)`,
    `  replayed  ${r.replayed} (200, already recorded)`,
    `  refused   ${r.refused}${byStatus === '' ? '' : ` (${byStatus})`}`,
  ];
  if (r.retries > 0) lines.push(`  resent    ${r.retries} after 503 or 429`);
  for (const u of unreadable) lines.push(`  unreadable ${u.file}: ${u.message}`);
  if (r.refusals.length > 0) {
    lines.push(
      `refusals${r.refused > SHOWN_REFUSALS ? ` (first ${SHOWN_REFUSALS} of ${r.refused})` : ''}:`,
    );
    for (const refusal of r.refusals.slice(0, SHOWN_REFUSALS)) lines.push(...describe(refusal));
  }
  return lines;
}

function describe(r: ImportRefusal): string[] {
  const head = `  ${r.file} [${r.index}]: ${r.status ?? 'no answer'} ${r.title}${r.detail === undefined ? '' : `: ${r.detail}`}`;
  return [head, ...(r.errors ?? []).map((e) => `      ${e.path || '/'}  ${e.message} (${e.rule})`)];
}
