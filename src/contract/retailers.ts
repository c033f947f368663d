/**
 * Retailers: the chains stores belong to. A retailer is not a participant
 * of its own on the ledger but a name its stores share, given by the
 * operator when registering each store; returns cross stores only within it.
 */
import type { StoreRecord } from './records';

/** The retailer of a store: the store itself for stores registered before retailers existed. */
export function retailerOf(store: StoreRecord): string {
  return store.retailerId ?? store.storeId;
}

/** Whether two stores belong to the same retailer. */
export function sameRetailer(a: StoreRecord, b: StoreRecord): boolean {
  return retailerOf(a) === retailerOf(b);
}
