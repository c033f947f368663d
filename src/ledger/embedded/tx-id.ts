import { randomBytes } from 'node:crypto';

/**
 * A new transaction id: 64 hex digits, like a Fabric transaction id, whose
 * first 12 are the submit time in milliseconds and the other 52 random
 * (208 bits, so ids never collide). Ids that grow with time land at the end
 * of the ledger's tx-id index, so committing a block appends to a few index
 * pages instead of dirtying one random page per transaction, which was a
 * sixth of the bytes every block wrote (docs/benchmarks.md). The time it
 * reveals is no secret: the block header carries it too.
 */
export function newTxId(now: number = Date.now()): string {
  return now.toString(16).padStart(12, '0') + randomBytes(26).toString('hex');
}
