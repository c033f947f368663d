/**
 * `npm run bench:fabric -- [--tickets N] [--concurrency C] [--json]`: the
 * synthetic workload of `bench:ledger`, recorded through the same contract
 * on the embedded ledger and on a local Fabric network, in one run on one
 * machine: tickets/s, commit latency, invalid transactions.
 */
import { Command } from 'commander';
import { wholeOption } from '../cli/cli-options';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractClient } from '../client/contract-client';
import { BLOCK_CUTTING } from '../fabric/channel-config';
import { networkDown, networkUp } from '../fabric/network';
import { newTopology, paths } from '../fabric/topology';
import { FabricLedger, readConnectionProfile } from '../ledger/fabric';
import type { LedgerGateway } from '../ledger/gateway';
import {
  LOCAL_OPERATOR_MSP,
  LOCAL_RETAILER_MSP,
  localIdentities,
  openLocalLedger,
} from '../node/local-node';
import { provisionNetwork } from '../sim/provision';
import { SyntheticWorkload } from '../sim/workload';
import { machineFacts } from './machine';
import { quantile, round } from './stats';

interface Options {
  tickets: number;
  concurrency: number;
  basePort: number;
  json?: boolean;
}

interface EngineResult {
  ticketsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Transactions of the run marked invalid in their block (MVCC conflicts and others). */
  invalidTx: number;
  /** Submits that failed before commit (endorse, submit, commit status). */
  failed: number;
  blocks: number;
}

/** Records the workload's tickets on `ledger` and measures it. */
async function measure(ledger: LedgerGateway, options: Options): Promise<EngineResult> {
  const client = new ContractClient(ledger);
  await client.bootstrap(localIdentities.operator, { operatorMspId: LOCAL_OPERATOR_MSP });
  const workload = new SyntheticWorkload({ seed: 1000 });
  await provisionNetwork(client, workload, localIdentities, LOCAL_RETAILER_MSP);
  const rows = Array.from({ length: options.tickets }, () => JSON.stringify(workload.nextTicket()));
  const heightBefore = await ledger.height();
  const latencies = new Float64Array(rows.length);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      const started = performance.now();
      try {
        await ledger.submit(localIdentities.collector, {
          contract: 'tickets',
          fn: 'RecordTicket',
          args: [rows[i]!],
        });
      } catch {
        failed++;
      }
      latencies[i] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const height = await ledger.height();
  let invalidTx = 0;
  const abort = new AbortController();
  for await (const block of ledger.blocks({ startBlock: heightBefore, signal: abort.signal })) {
    invalidTx += block.transactions.filter((t) => t.validationCode !== 'VALID').length;
    if (block.number >= height - 1) abort.abort();
  }
  return {
    ticketsPerSec: round(rows.length / seconds),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    invalidTx,
    failed,
    blocks: height - heightBefore,
  };
}

async function embedded(options: Options): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eter-bench-embedded-'));
  const ledger = openLocalLedger(dir);
  try {
    return await measure(ledger, options);
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fabric(options: Options): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eter-bench-fabric-'));
  const topology = newTopology({ dir, basePort: options.basePort });
  try {
    await networkUp(topology);
    const ledger = FabricLedger.connect({
      profile: readConnectionProfile(paths(topology).profile),
      preferMspId: LOCAL_RETAILER_MSP,
    });
    try {
      return await measure(ledger, options);
    } finally {
      await ledger.close();
    }
  } finally {
    await networkDown(topology);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .name('bench:fabric')
    .option('--tickets <n>', 'tickets per engine', wholeOption('--tickets'), 2_000)
    .option('--concurrency <n>', 'tickets in flight', wholeOption('--concurrency'), 100)
    .option(
      '--base-port <n>',
      'first port of the Fabric network',
      wholeOption('--base-port'),
      25050,
    )
    .option('--json', 'print one JSON object')
    .parse()
    .opts<Options>();
  const e = await embedded(options);
  if (!options.json) process.stderr.write('embedded done\n');
  const f = await fabric(options);
  const summary = {
    tickets: options.tickets,
    concurrency: options.concurrency,
    embeddedTicketsPerSec: e.ticketsPerSec,
    embeddedP50Ms: e.p50Ms,
    embeddedP99Ms: e.p99Ms,
    embeddedInvalidTx: e.invalidTx,
    fabricTicketsPerSec: f.ticketsPerSec,
    fabricP50Ms: f.p50Ms,
    fabricP99Ms: f.p99Ms,
    fabricInvalidTx: f.invalidTx,
    fabricFailed: f.failed,
    embeddedFailed: e.failed,
    fabricBlocks: f.blocks,
    fabricBlockCutting: BLOCK_CUTTING,
    machine: machineFacts(),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const m = summary.machine;
  process.stdout.write(
    [
      `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, ${m.os}, Node ${m.node}`,
      `workload: ${options.tickets} tickets per engine, ${options.concurrency} in flight`,
      `embedded: ${e.ticketsPerSec} tickets/s, p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms, ${e.invalidTx} invalid, ${e.failed} failed`,
      `fabric:   ${f.ticketsPerSec} tickets/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.invalidTx} invalid, ${f.failed} failed, ${f.blocks} blocks` +
        ` (cut at ${BLOCK_CUTTING.maxMessageCount} tx / ${BLOCK_CUTTING.batchTimeout})`,
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
