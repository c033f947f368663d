import type { ChaincodeStub } from 'fabric-shim-api';
import { ContractError } from './errors';
import { keys, KeyType } from './keys';
import type { LotSource, MovementKind, PointsLot, PointsMovement } from './records';
import { parseRecord, putRecord } from './state';

type Stub = Pick<
  ChaincodeStub,
  'putState' | 'deleteState' | 'createCompositeKey' | 'getStateByPartialCompositeKey' | 'getTxID'
>;

/**
 * Points for an amount: `floor(minorUnits × rateBp / 10000)`, in exact
 * integer arithmetic.
 */
export function pointsFor(totalMinorUnits: bigint, rateBp: number): number {
  return Number((totalMinorUnits * BigInt(rateBp)) / 10_000n);
}

/**
 * Most lots one spend reads. Every lot is a key, and an attacker who could
 * send a customer a hundred thousand tiny lots would otherwise make every
 * spend of theirs read them all (and stop at a peer's range limit): a spend
 * reads at most this many, can always spend what they hold, and a customer
 * merges lots with `ConsolidateLots` (docs/points.md).
 */
export const MAX_LOTS_PER_SPEND = 256;

/** Lots a read-only balance sums per paged range read (a peer caps each read). */
const BALANCE_PAGE = 10_000;

type RangeStub = Pick<ChaincodeStub, 'getStateByPartialCompositeKey'>;
type PagedStub = Pick<
  ChaincodeStub,
  'getStateByPartialCompositeKeyWithPagination' | 'createCompositeKey'
>;

/**
 * Up to {@link MAX_LOTS_PER_SPEND} of a customer's lots (in key order), their
 * sum, and whether they are all the customer has. Reading them makes a spend
 * conflict with any other spend of them.
 */
export async function spendableLots(
  stub: RangeStub,
  customerId: string,
): Promise<{ balance: number; lots: PointsLot[]; all: boolean }> {
  const lots: PointsLot[] = [];
  let balance = 0;
  let all = true;
  for await (const kv of stub.getStateByPartialCompositeKey(KeyType.lot, [customerId])) {
    if (lots.length === MAX_LOTS_PER_SPEND) {
      all = false;
      break;
    }
    const lot = parseRecord<PointsLot>(kv.value);
    lots.push(lot);
    balance += lot.amount;
  }
  return { balance, lots, all };
}

/**
 * A customer's whole balance and number of lots, read in pages: for
 * read-only transactions only (a peer allows paged range reads nowhere else).
 */
export async function balanceOf(
  stub: PagedStub,
  customerId: string,
): Promise<{ balance: number; lots: number }> {
  let balance = 0;
  let lots = 0;
  for await (const lot of pagedLots(stub, [customerId])) {
    balance += lot.amount;
    lots += 1;
  }
  return { balance, lots };
}

/** Every lot under `attributes` (a customer, or all with `[]`), in key order, page by page. */
export async function* pagedLots(
  stub: PagedStub,
  attributes: string[],
  startAfterCustomer?: string,
): AsyncGenerator<PointsLot> {
  // A bookmark is where the next page starts: past every key of that customer.
  let bookmark =
    startAfterCustomer === undefined
      ? ''
      : `${stub.createCompositeKey(KeyType.lot, [startAfterCustomer])}\u{10FFFF}`;
  for (;;) {
    let count = 0;
    let last = '';
    for await (const kv of stub.getStateByPartialCompositeKeyWithPagination(
      KeyType.lot,
      attributes,
      BALANCE_PAGE,
      bookmark,
    )) {
      count += 1;
      last = kv.key;
      yield parseRecord<PointsLot>(kv.value);
    }
    if (count < BALANCE_PAGE) return;
    bookmark = `${last}\u0000`;
  }
}

/** What a movement says besides customer, amount, transaction and time. */
export type MovementFacts = Omit<PointsMovement, 'customerId' | 'delta' | 'txId' | 'at' | 'kind'>;

/**
 * The points side of one transaction: credits and debits of lots, each
 * with its movement record, gathered for the transaction's one event.
 *
 * Credits write a fresh lot keyed by the transaction id and read nothing, so
 * any number of concurrent awards to one customer never conflict. Debits
 * read all the customer's lots and consume the oldest first, so two spends
 * of one balance conflict under MVCC and the second is re-run against what
 * the first left: a balance can never be spent twice.
 */
export class PointsBook {
  readonly movements: PointsMovement[] = [];
  private readonly txId: string;
  private readonly credited = new Set<string>();

  constructor(
    private readonly stub: Stub,
    private readonly at: string,
  ) {
    this.txId = stub.getTxID();
  }

  /** The sum of the deltas of `kind` in this transaction (positive). */
  total(kind: MovementKind): number {
    return this.movements.reduce((sum, m) => (m.kind === kind ? sum + Math.abs(m.delta) : sum), 0);
  }

  /** Adds `amount` (> 0) to the customer's points as a new lot. */
  async credit(
    customerId: string,
    amount: number,
    kind: 'award' | 'transfer-in',
    source: LotSource,
    facts: MovementFacts,
  ): Promise<void> {
    if (this.credited.has(customerId)) {
      // The lot key is (customer, tx): a second credit would overwrite the first.
      throw new Error(`internal: a second credit to ${customerId} in one transaction`);
    }
    this.credited.add(customerId);
    const lot: PointsLot = {
      customerId,
      lotId: this.txId,
      amount,
      source,
      createdAt: this.at,
    };
    await putRecord(this.stub, keys.lot(this.stub, customerId, this.txId), lot);
    await this.move(customerId, kind, amount, facts);
  }

  /**
   * Takes `amount` (> 0) from the customer's points, oldest lots first.
   * @throws {ContractError} FAILED_PRECONDITION `insufficient-points` at `path`; nothing written.
   */
  async debit(
    customerId: string,
    amount: number,
    kind: 'transfer-out' | 'redemption',
    facts: MovementFacts,
    path: string,
  ): Promise<void> {
    const { balance, lots, all } = await spendableLots(this.stub, customerId);
    if (balance < amount && all) {
      throw new ContractError('FAILED_PRECONDITION', 'not enough points', [
        {
          path,
          rule: 'insufficient-points',
          message: `${amount} points asked, ${balance} available`,
        },
      ]);
    }
    if (balance < amount) {
      throw new ContractError('FAILED_PRECONDITION', 'points spread over too many lots', [
        {
          path,
          rule: 'lots-fragmented',
          message: `${amount} points asked; a spend reads ${MAX_LOTS_PER_SPEND} lots, which hold ${balance}: consolidate the lots, then try again`,
        },
      ]);
    }
    await this.consume(customerId, lots, amount);
    await this.move(customerId, kind, -amount, facts);
  }

  /**
   * Takes what it can of `amount` from the lots a spend reads, without going
   * below zero; returns what it took.
   */
  async debitUpTo(
    customerId: string,
    amount: number,
    kind: 'reversal',
    facts: MovementFacts,
  ): Promise<number> {
    const { balance, lots } = await spendableLots(this.stub, customerId);
    const taken = Math.min(balance, amount);
    if (taken > 0) {
      await this.consume(customerId, lots, taken);
      await this.move(customerId, kind, -taken, facts);
    }
    return taken;
  }

  /** Oldest first (then by lot id, so that every peer consumes the same lots). */
  private async consume(customerId: string, lots: PointsLot[], amount: number): Promise<void> {
    const age = (lot: PointsLot) => `${lot.createdAt}|${lot.lotId}`;
    const ordered = [...lots].sort((a, b) => (age(a) < age(b) ? -1 : 1));
    let left = amount;
    for (const lot of ordered) {
      if (left === 0) break;
      const key = keys.lot(this.stub, customerId, lot.lotId);
      if (lot.amount <= left) {
        left -= lot.amount;
        await this.stub.deleteState(key);
      } else {
        await putRecord(this.stub, key, { ...lot, amount: lot.amount - left });
        left = 0;
      }
    }
  }

  private async move(
    customerId: string,
    kind: MovementKind,
    delta: number,
    facts: MovementFacts,
  ): Promise<void> {
    const movement: PointsMovement = {
      customerId,
      kind,
      delta,
      txId: this.txId,
      at: this.at,
      ...facts,
    };
    this.movements.push(movement);
    await putRecord(
      this.stub,
      keys.movement(this.stub, customerId, this.at, this.txId, kind),
      movement,
    );
  }
}
