/**
 * Consolidation: merging a customer's many small lots into one, a bounded
 * step at a time, because a spend reads at most `MAX_LOTS_PER_SPEND` lots
 * (points.ts) and a wallet of very many must not stay frozen.
 */
import type { Context } from 'fabric-contract-api';
import type { PointsChangedEvent } from './events';
import { keys } from './keys';
import { spendableLots } from './points';
import type { PointsLot } from './records';
import { now } from './transaction-context';
import { putRecord } from './state';

/** What `ConsolidateLots` returns. */
export interface ConsolidationResult {
  readonly customerId: string;
  /** Lots merged into one (0 when there were fewer than two). */
  readonly merged: number;
  /** Points the merged lots held, now in one lot. */
  readonly amount: number;
  /** Whether the customer has more lots than one consolidation reads: call again. */
  readonly more: boolean;
}

/** Sorts before the hexadecimal transaction ids that name every other lot. */
const CONSOLIDATED_LOT_MARK = '!';

/**
 * Merges the lots a spend would read into one lot that sorts before all
 * others, so that the next spend or consolidation reads it first. Moves no
 * points: the event lists no movement.
 */
export async function consolidateLots(
  ctx: Context,
  customerId: string,
): Promise<ConsolidationResult> {
  const { balance, lots, all } = await spendableLots(ctx.stub, customerId);
  if (lots.length < 2) return { customerId, merged: 0, amount: balance, more: !all };
  const txId = ctx.stub.getTxID();
  for (const lot of lots) await ctx.stub.deleteState(keys.lot(ctx.stub, customerId, lot.lotId));
  const oldest = lots.reduce((a, b) => (b.createdAt < a.createdAt ? b : a));
  const merged: PointsLot = {
    customerId,
    lotId: `${CONSOLIDATED_LOT_MARK}${txId}`,
    amount: balance,
    source: { kind: 'consolidation', lots: lots.length },
    createdAt: oldest.createdAt,
  };
  await putRecord(ctx.stub, keys.lot(ctx.stub, customerId, merged.lotId), merged);
  const event: PointsChangedEvent = { txId, at: now(ctx), cause: 'consolidation', movements: [] };
  ctx.stub.setEvent('PointsChanged', Buffer.from(JSON.stringify(event)));
  return { customerId, merged: lots.length, amount: balance, more: !all };
}
