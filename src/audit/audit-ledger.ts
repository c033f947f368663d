import type { ContractClient } from '../client/contract-client';
import type { Balance, PointsLot } from '../contract';
import { toLedgerBlock, type LedgerStore } from '../ledger/embedded';
import type { Identity } from '../ledger/gateway';
import { PointsAudit, type PointsAuditReport } from './points-audit';

/** How often the audit re-reads when blocks committed while it read balances. */
const SNAPSHOT_ATTEMPTS = 20;
const BALANCE_PAGE = 1000;
const BLOCK_PAGE = 256;

/**
 * Audits points over any ledger gateway (embedded or Fabric): every block's
 * events, then the balances the contract computes from world state, as an
 * auditor. The balances are read between two equal heights, so that they
 * belong to the blocks audited, even while the ledger is live.
 */
export async function auditPointsOverGateway(
  client: ContractClient,
  auditor: Identity,
): Promise<PointsAuditReport> {
  const gateway = client.gateway;
  const { height, value: balances } = await atOneHeight(
    () => gateway.height(),
    () => allBalances(client, auditor),
  );
  const audit = new PointsAudit();
  if (height > 0) {
    const stop = new AbortController();
    for await (const block of gateway.blocks({ startBlock: 0, signal: stop.signal })) {
      audit.apply(block);
      if (block.number >= height - 1) {
        stop.abort();
        break;
      }
    }
  }
  audit.compareWithState(balances);
  return audit.report();
}

/**
 * Reads `read` between two equal ledger heights, so that what it read
 * belongs to exactly that many blocks.
 */
async function atOneHeight<T>(
  height: () => number | Promise<number>,
  read: () => T | Promise<T>,
): Promise<{ height: number; value: T }> {
  let before = await height();
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
    const value = await read();
    const after = await height();
    if (after === before) return { height: before, value };
    before = after;
  }
  throw new Error('the ledger kept growing while balances were read; try again');
}

async function allBalances(client: ContractClient, auditor: Identity): Promise<Balance[]> {
  const all: Balance[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listBalances(auditor, {
      limit: BALANCE_PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    all.push(...page.balances);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}

/** Fabric's composite-key form of the `lot` key range: every customer's lots. */
const LOT_RANGE = { start: '\u0000lot\u0000', end: '\u0000lot\u0001' };

/**
 * Audits points straight from an embedded ledger's file, opened read-only,
 * so that it also runs beside a live server. A block and its state changes
 * commit in one SQLite transaction, so lots read in one statement between
 * two equal block counts belong exactly to those blocks.
 */
export async function auditPointsInStore(store: LedgerStore): Promise<PointsAuditReport> {
  const { height: count, value: lots } = await atOneHeight(
    () => store.blockCount(),
    () =>
      store
        .range(LOT_RANGE.start, LOT_RANGE.end, Number.MAX_SAFE_INTEGER)
        .map((entry) => JSON.parse(entry.value.toString('utf8')) as PointsLot),
  );
  const audit = new PointsAudit();
  for (let next = 0; next < count;) {
    const rows = store.blocksFrom(next, Math.min(BLOCK_PAGE, count - next));
    if (rows.length === 0) break;
    for (const row of rows) audit.apply(toLedgerBlock(row, store.transactionsOf(row)));
    next += rows.length;
  }
  const balances = new Map<string, number>();
  for (const lot of lots)
    balances.set(lot.customerId, (balances.get(lot.customerId) ?? 0) + lot.amount);
  audit.compareWithState([...balances].map(([customerId, balance]) => ({ customerId, balance })));
  return audit.report();
}
