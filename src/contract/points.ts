import type { ChaincodeStub } from 'fabric-shim-api';
import { keys, KeyType } from './keys';
import type { PointsLot, PointsMovement } from './records';
import { parseRecord, putRecord } from './state';

type Stub = Pick<
  ChaincodeStub,
  'putState' | 'createCompositeKey' | 'getStateByPartialCompositeKey' | 'getTxID'
>;

/**
 * Points for a ticket: `floor(totalMinorUnits × rateBp / 10000)`, in exact
 * integer arithmetic.
 */
export function pointsFor(totalMinorUnits: bigint, rateBp: number): number {
  return Number((totalMinorUnits * BigInt(rateBp)) / 10_000n);
}

/**
 * Awards points as a new lot of their own (keyed by the transaction id) and
 * a movement record: two fresh keys, nothing read, so that any number of
 * concurrent awards to one customer never conflict.
 */
export async function awardPoints(
  stub: Stub,
  award: { customerId: string; amount: number; storeId: string; ticketId: string; at: string },
): Promise<void> {
  const txId = stub.getTxID();
  const lot: PointsLot = {
    customerId: award.customerId,
    lotId: txId,
    amount: award.amount,
    source: { kind: 'award', storeId: award.storeId, ticketId: award.ticketId },
    createdAt: award.at,
  };
  const movement: PointsMovement = {
    customerId: award.customerId,
    kind: 'award',
    delta: award.amount,
    txId,
    at: award.at,
    storeId: award.storeId,
    ticketId: award.ticketId,
  };
  await putRecord(stub, keys.lot(stub, award.customerId, txId), lot);
  await putRecord(stub, keys.movement(stub, award.customerId, award.at, txId), movement);
}

/** A customer's unspent lots and their sum. */
export async function balanceOf(
  stub: Stub,
  customerId: string,
): Promise<{ balance: number; lots: PointsLot[] }> {
  const lots: PointsLot[] = [];
  let balance = 0;
  for await (const kv of stub.getStateByPartialCompositeKey(KeyType.lot, [customerId])) {
    const lot = parseRecord<PointsLot>(kv.value);
    lots.push(lot);
    balance += lot.amount;
  }
  return { balance, lots };
}
