import type { common } from '@hyperledger/fabric-protos';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  FabricLedger,
  parseBlock,
  readConnectionProfile,
  verifyFabricBlocks,
} from '../../ledger/fabric';
import {
  checkTicketCoverage,
  READ_MODEL_FILE,
  ReadModel,
  type TicketCoverageReport,
  type TicketPlace,
} from '../../readmodel';
import { CliError } from '../cli-error';

/** How many missing or extra tickets the text report names before it counts the rest. */
const NAMED = 20;

/**
 * `eter verify --fabric-profile FILE [--read-model FILE|DIR]`: reads the
 * channel's blocks through a peer's deliver service and checks the header
 * hash chain, the data hashes and the orderer signatures; with a read model,
 * also that it holds exactly the channel's valid ticket transactions. Exit 0
 * when sound, 1 naming the first bad block or each missing or extra ticket.
 */
export async function verifyFabric(
  profileFile: string,
  options: { json: boolean; readModel?: string },
): Promise<void> {
  const readModelFile =
    options.readModel === undefined ? undefined : resolveReadModel(options.readModel);
  const ledger = FabricLedger.connect({ profile: readConnectionProfile(profileFile) });
  const started = process.hrtime.bigint();
  const blocks: common.Block[] = [];
  try {
    const height = await ledger.height();
    const abort = new AbortController();
    if (height > 0) {
      for await (const block of ledger.rawBlocks({ startBlock: 0, signal: abort.signal })) {
        blocks.push(block);
        if (blocks.length >= height) abort.abort();
      }
    }
  } finally {
    await ledger.close();
  }
  const report = verifyFabricBlocks(blocks);
  let coverage: TicketCoverageReport | undefined;
  if (readModelFile !== undefined && report.ok) {
    const readModel = openReadModel(readModelFile);
    try {
      coverage = checkTicketCoverage(blocks.map(parseBlock), readModel);
    } finally {
      readModel.close();
    }
  }
  const ok = report.ok && (coverage?.ok ?? true);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.json) {
    const readModel = coverage === undefined ? {} : { readModel: coverage };
    process.stdout.write(
      `${JSON.stringify({ engine: 'fabric', ...report, ok, ...readModel, seconds })}\n`,
    );
  } else if (!report.ok) {
    const f = report.failure!;
    process.stdout.write(`CHANNEL IS NOT SOUND: block ${f.block}: ${f.fault}: ${f.detail}\n`);
  } else {
    process.stdout.write(
      `Fabric channel is sound: ${report.blocks} blocks, ${report.transactions} transactions; ` +
        `hash chain, data hashes and orderer signatures checked in ${seconds.toFixed(2)} s\n`,
    );
    if (coverage !== undefined) process.stdout.write(coverageText(coverage));
  }
  if (!ok) process.exitCode = 1;
}

/** `--read-model` names the file, or a server's data folder holding it. */
function resolveReadModel(path: string): string {
  const file =
    existsSync(path) && statSync(path).isDirectory() ? join(path, READ_MODEL_FILE) : path;
  if (!existsSync(file)) throw new CliError(`no read model at ${file}`);
  return file;
}

function openReadModel(file: string): ReadModel {
  try {
    const readModel = ReadModel.open(file, { readonly: true });
    readModel.checkpoint();
    return readModel;
  } catch (error) {
    throw new CliError(`${file} is not a read model: ${(error as Error).message}`);
  }
}

function coverageText(c: TicketCoverageReport): string {
  const name = (t: TicketPlace) =>
    `${t.storeId}/${t.ticketId} (tx ${t.txId}, block ${t.blockNumber})`;
  const list = (label: string, tickets: readonly TicketPlace[]) =>
    tickets.length === 0
      ? ''
      : `${label}: ${tickets.length}\n` +
        tickets
          .slice(0, NAMED)
          .map((t) => `  ${name(t)}\n`)
          .join('') +
        (tickets.length > NAMED ? `  … and ${tickets.length - NAMED} more\n` : '');
  if (c.ok) {
    return `read model holds every valid ticket transaction: ${c.ledgerTickets} tickets through block ${c.throughBlock}\n`;
  }
  return (
    `READ MODEL DOES NOT MATCH THE CHANNEL through block ${c.throughBlock} ` +
    `(${c.ledgerTickets} tickets on the channel, ${c.readModelTickets} in the read model)\n` +
    list('missing from the read model', c.missing) +
    list('in the read model but not on the channel', c.extra)
  );
}
