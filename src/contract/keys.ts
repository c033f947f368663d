import type { ChaincodeStub } from 'fabric-shim-api';

/**
 * World-state key layout. Composite keys keep each record type in its own
 * range. Points live in one key per lot, never in one balance key per
 * customer: concurrent tickets for one customer then write disjoint keys and
 * never collide under MVCC, while a spend, which must read and consume lots,
 * conflicts with any other spend of the same lot.
 */
export const KeyType = {
  config: 'config',
  store: 'store',
  manufacturer: 'manufacturer',
  customer: 'customer',
  /** GS1 company prefixes, bucketed by their first four digits. */
  prefixBucket: 'gs1',
  ticket: 'ticket',
  /** Index: store, UTC day, UTC issue time, ticket id (days keep range reads on partial keys). */
  ticketByTime: 'ticket-time',
  lot: 'lot',
  movement: 'movement',
  transfer: 'transfer',
  grant: 'grant',
  /** Index: a customer's grants not yet used or cancelled, with their expiry. */
  openGrant: 'grant-open',
  /** What the returns of one sale have taken back of its points. */
  returnTally: 'return-points',
} as const;

type Stub = Pick<ChaincodeStub, 'createCompositeKey'>;

export const keys = {
  config: (stub: Stub) => stub.createCompositeKey(KeyType.config, []),
  store: (stub: Stub, storeId: string) => stub.createCompositeKey(KeyType.store, [storeId]),
  manufacturer: (stub: Stub, id: string) => stub.createCompositeKey(KeyType.manufacturer, [id]),
  customer: (stub: Stub, id: string) => stub.createCompositeKey(KeyType.customer, [id]),
  prefixBucket: (stub: Stub, prefixSpace: string) =>
    stub.createCompositeKey(KeyType.prefixBucket, [prefixSpace.slice(0, 4)]),
  ticket: (stub: Stub, storeId: string, ticketId: string) =>
    stub.createCompositeKey(KeyType.ticket, [storeId, ticketId]),
  ticketByTime: (stub: Stub, storeId: string, issuedAtUtc: string, ticketId: string) =>
    stub.createCompositeKey(KeyType.ticketByTime, [
      storeId,
      issuedAtUtc.slice(0, 10),
      issuedAtUtc,
      ticketId,
    ]),
  lot: (stub: Stub, customerId: string, lotId: string) =>
    stub.createCompositeKey(KeyType.lot, [customerId, lotId]),
  /** A transaction may move one customer's points twice (a redemption and an award): `kind` tells them apart. */
  movement: (stub: Stub, customerId: string, at: string, txId: string, kind: string) =>
    stub.createCompositeKey(KeyType.movement, [customerId, at, txId, kind]),
  transfer: (stub: Stub, transferId: string) =>
    stub.createCompositeKey(KeyType.transfer, [transferId]),
  grant: (stub: Stub, grantId: string) => stub.createCompositeKey(KeyType.grant, [grantId]),
  openGrant: (stub: Stub, customerId: string, grantId: string) =>
    stub.createCompositeKey(KeyType.openGrant, [customerId, grantId]),
  returnTally: (stub: Stub, storeId: string, ticketId: string) =>
    stub.createCompositeKey(KeyType.returnTally, [storeId, ticketId]),
};
