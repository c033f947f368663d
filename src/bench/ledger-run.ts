/**
 * One bench:ledger run's ledger: opened fresh in a folder, bootstrapped and
 * provisioned with the seeded synthetic network, then fed tickets. Written
 * against a set of modules rather than imports, so that the same driver can
 * record through another tree's compiled ledger (`treeModules`): the
 * stored-bytes probe does, to measure a baseline built from an older commit.
 */
import { join } from 'node:path';
import type { ContractClient } from '../client/contract-client';
import type { newContracts } from '../contract';
import type { Ticket } from '../format';
import type { EmbeddedLedger } from '../ledger/embedded';
import type * as LocalNode from '../node/local-node';
import type { contractEndorsers } from '../node/contract-endorsers';
import type { provisionNetwork } from '../sim/provision';
import type { SyntheticWorkload } from '../sim/workload';
import type { TicketRow } from './plain-insert';

/** What a run needs of a tree's compiled code. */
export interface LedgerModules {
  readonly EmbeddedLedger: typeof EmbeddedLedger;
  readonly LEDGER_FILE: string;
  readonly newContracts: typeof newContracts;
  readonly ContractClient: typeof ContractClient;
  readonly contractEndorsers: typeof contractEndorsers;
  readonly provisionNetwork: typeof provisionNetwork;
  readonly SyntheticWorkload: typeof SyntheticWorkload;
  readonly localIdentities: typeof LocalNode.localIdentities;
  readonly LOCAL_OPERATOR_MSP: string;
  readonly LOCAL_RETAILER_MSP: string;
}

/**
 * The modules of the tree at `root`, from its `dist` (built by tsc). The
 * types are this tree's: a tree whose exports differ fails when run.
 */
export function treeModules(root: string): LedgerModules {
  const load = (path: string) =>
    // A path known only at run time: another tree's dist.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(join(root, 'dist', 'src', path)) as Record<string, unknown>;
  const embedded = load('ledger/embedded');
  const local = load('node/local-node');
  return {
    EmbeddedLedger: embedded.EmbeddedLedger as LedgerModules['EmbeddedLedger'],
    LEDGER_FILE: embedded.LEDGER_FILE as string,
    newContracts: load('contract').newContracts as LedgerModules['newContracts'],
    ContractClient: load('client/contract-client')
      .ContractClient as LedgerModules['ContractClient'],
    contractEndorsers: load('node/contract-endorsers')
      .contractEndorsers as LedgerModules['contractEndorsers'],
    provisionNetwork: load('sim/provision').provisionNetwork as LedgerModules['provisionNetwork'],
    SyntheticWorkload: load('sim/workload').SyntheticWorkload as LedgerModules['SyntheticWorkload'],
    localIdentities: local.localIdentities as LedgerModules['localIdentities'],
    LOCAL_OPERATOR_MSP: local.LOCAL_OPERATOR_MSP as string,
    LOCAL_RETAILER_MSP: local.LOCAL_RETAILER_MSP as string,
  };
}

/** The shape of a run: the bench's options that decide what is recorded and how. */
export interface RunShape {
  readonly tickets: number;
  readonly preload: number;
  readonly concurrency: number;
  readonly blockSize: number;
  readonly blockTimeoutMs: number;
  readonly endorsers: number;
}

/** A provisioned ledger and the run's tickets, drawn but not yet recorded. */
export interface OpenRun {
  readonly ledger: EmbeddedLedger;
  /** The ledger's database file. */
  readonly file: string;
  readonly preloaded: readonly TicketRow[];
  readonly tickets: readonly Ticket[];
  readonly rows: readonly TicketRow[];
}

const rowOf = (ticket: Ticket): TicketRow => ({
  storeId: ticket.storeId,
  ticketId: ticket.ticketId,
  json: JSON.stringify(ticket),
});

/**
 * Opens a fresh ledger in `dir`, bootstraps and provisions it from the
 * workload seeded by `run`, records the preload, and draws the run's tickets.
 */
export async function openRun(
  mods: LedgerModules,
  shape: RunShape,
  dir: string,
  run: number,
): Promise<OpenRun> {
  const ledger = mods.EmbeddedLedger.open({
    dataDir: join(dir, 'node'),
    contracts: mods.newContracts(),
    cutting: {
      maxTransactions: shape.blockSize,
      timeoutMs: shape.blockTimeoutMs,
      queueLimit: Math.max(20_000, shape.concurrency * 2),
    },
    ...(shape.endorsers > 0 ? { endorsers: mods.contractEndorsers(shape.endorsers) } : {}),
  });
  const client = new mods.ContractClient(ledger);
  await client.bootstrap(mods.localIdentities.operator, {
    operatorMspId: mods.LOCAL_OPERATOR_MSP,
  });
  const workload = new mods.SyntheticWorkload({ seed: 1000 + run });
  await mods.provisionNetwork(client, workload, mods.localIdentities, mods.LOCAL_RETAILER_MSP);
  const preloaded = Array.from({ length: shape.preload }, () => rowOf(workload.nextTicket()));
  if ((await recordAll(mods, ledger, preloaded, shape.concurrency)) > 0) {
    throw new Error('preloading failed');
  }
  const tickets = Array.from({ length: shape.tickets }, () => workload.nextTicket());
  return {
    ledger,
    file: join(dir, 'node', mods.LEDGER_FILE),
    preloaded,
    tickets,
    rows: tickets.map(rowOf),
  };
}

/**
 * Submits every row with `concurrency` in flight; records each latency in
 * `latencies` when given. @returns how many failed.
 */
export async function recordAll(
  mods: LedgerModules,
  ledger: EmbeddedLedger,
  rows: readonly TicketRow[],
  concurrency: number,
  latencies?: Float64Array,
): Promise<number> {
  let next = 0;
  let failed = 0;
  const collector = mods.localIdentities.collector;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      const started = performance.now();
      try {
        await ledger.submit(collector, {
          contract: 'tickets',
          fn: 'RecordTicket',
          args: [rows[i]!.json],
        });
      } catch {
        failed++;
      }
      if (latencies !== undefined) latencies[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}
