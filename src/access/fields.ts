/**
 * Which fields of a resource a reader gets, where that depends on who reads.
 * Everything a role may not see is left out where the data is read (the
 * read model's queries select these fields) and again where it is written
 * (response and event schemas are built from these lists, and a field not
 * in a schema is never serialized).
 */
import type { PersonRole } from './roles';

/**
 * A ticket line as the manufacturer of its product sees it: where, when,
 * what and how much. Never the ticket id, the customer, the payment, the
 * total or the other lines of the basket.
 */
export interface ManufacturerLineView {
  readonly storeId: string;
  readonly issuedAt: string;
  readonly type: 'sale' | 'return';
  readonly currency: string;
  readonly blockNumber: number;
  readonly lineNo: number;
  readonly gtin: string;
  readonly description: string;
  readonly quantity: string;
  readonly amount: string;
}

/** The fields of a {@link ManufacturerLineView}, in the order the stream sends them. */
export const MANUFACTURER_LINE_FIELDS = [
  'storeId',
  'issuedAt',
  'type',
  'currency',
  'blockNumber',
  'lineNo',
  'gtin',
  'description',
  'quantity',
  'amount',
] as const satisfies readonly (keyof ManufacturerLineView)[];

/**
 * A line as a manufacturer's drill-down serves it (one row per line, not per
 * ticket): the stream's view with an opaque `reference` in place of
 * `lineNo`. A line number says where the line sat in its basket (a 3 means
 * two lines before it, and a page of lines numbered 1, 2, 3 at one store and
 * second reads as one ticket), so it is left out; the reference, which a
 * later line proof hangs on, links to nothing but its own line.
 */
export interface ManufacturerSaleLineView extends Omit<ManufacturerLineView, 'lineNo'> {
  /** Opaque, stable per line; reveals neither the ticket, the transaction nor the other lines. */
  readonly reference: string;
}

/** The fields of a {@link ManufacturerSaleLineView}, in the order the drill-down sends them. */
export const MANUFACTURER_SALE_LINE_FIELDS = [
  'reference',
  'storeId',
  'issuedAt',
  'type',
  'gtin',
  'description',
  'quantity',
  'amount',
  'currency',
  'blockNumber',
] as const satisfies readonly (keyof ManufacturerSaleLineView)[];

/**
 * What a ledger engine's proof shows besides the proven transaction:
 * `transaction` (the embedded ledger: the record and an audit path) or
 * `block` (Fabric: every other transaction of its block).
 */
export type ProofDisclosure = 'transaction' | 'block';

/**
 * Whether a reader of `role`, who may read a resource, gets its proof too:
 * a proof of the transaction alone, yes; a proof that carries its whole
 * block would show other people's tickets, so auditors only, who read
 * every transaction anyway.
 */
export function mayReceiveProof(role: PersonRole, disclosure: ProofDisclosure): boolean {
  return disclosure === 'transaction' || role === 'auditor';
}
