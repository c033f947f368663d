/**
 * What the node keeps of a customer off the ledger, forgotten once the ledger's erasure of them
 * has committed (docs/ledger.md#erasure-of-a-customer): their rows in the read model and their
 * logins in the access database. One function for `eter participants erase-customer` and the
 * operator's API route, so that both forget the same.
 */
import { randomUUID } from 'node:crypto';
import type { Identity } from '../ledger/gateway';
import type { ErasureRequest } from '../ledger/embedded';
import type { ReadModel } from '../readmodel';

/** What the ledger's erasure answers (`EmbeddedLedger.eraseCustomer`). */
export interface LedgerErasure {
  readonly erasureId: string;
  readonly parts: number;
  readonly txId: string;
  readonly blockNumber: number;
}

/** A ledger that erases customers: the embedded one (Fabric keeps its values in the clear). */
export interface CustomerEraser {
  eraseCustomer(
    identity: Identity,
    customerId: string,
    erasure: Omit<ErasureRequest, 'parts'>,
  ): Promise<LedgerErasure>;
}

/**
 * A new erasure record id, `er-` and a random UUID, that does not contain the customer's id
 * (the ledger refuses a record that names them, and a short id may occur in a UUID's hex).
 */
export function newErasureId(customerId: string): string {
  for (;;) {
    const id = `er-${randomUUID()}`;
    if (!id.includes(customerId)) return id;
  }
}

/** Where the node keeps what it knows of customers besides the ledger; either may be absent. */
export interface OffLedgerStores {
  readonly readModel?: Pick<ReadModel, 'eraseCustomer'>;
  /** People's logins (`UserStore`, in the access database). */
  readonly users?: {
    deleteLoginsOf(role: 'customer', subjectId: string): readonly string[];
  };
}

/**
 * Removes an erased customer from the read model (`ReadModel.eraseCustomer`) and deletes their
 * customer logins, which refuses their tokens and sessions from the next request on. Call it
 * once the erasure has committed and, on a running server, once the read model has projected
 * the erasure's block: a block before it still being projected would put the customer's rows
 * back.
 * @returns how many logins were deleted.
 */
export function forgetErasedCustomer(customerId: string, stores: OffLedgerStores): number {
  stores.readModel?.eraseCustomer(customerId);
  return stores.users?.deleteLoginsOf('customer', customerId).length ?? 0;
}
