/**
 * Which fields of a resource a reader gets, where that depends on who reads.
 * Everything a role may not see is left out where the data is read (the
 * read model's queries select these fields) and again where it is written
 * (response and event schemas are built from these lists, and a field not
 * in a schema is never serialized).
 */
import type { Person, PersonRole } from './roles';

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

/**
 * Who reads a proof, and whose data they act for: the customer (a customer's
 * login), or the store (a store's login, or the ticket's store for its
 * retailer, whom the route has checked owns it).
 */
export interface ProofReader {
  readonly role: PersonRole;
  readonly customerId?: string | null;
  readonly storeId?: string | null;
}

/** The reader of a proof: a person, for a resource of `party` the person was allowed to read. */
export function proofReaderOf(
  person: Person,
  party: { readonly storeId?: string | null } = {},
): ProofReader {
  switch (person.role) {
    case 'customer':
      return { role: person.role, customerId: person.subjectId };
    case 'store':
      return { role: person.role, storeId: person.subjectId };
    case 'retailer':
      return { role: person.role, storeId: party.storeId ?? null };
    default:
      return { role: person.role };
  }
}

/**
 * A part of a transaction as the disclosure rule sees it: the transaction's
 * own content (arguments, result, event), or a key it read, range-read or
 * wrote, by the key's type and owner (the first attribute of a composite
 * key: a customer id, a store id, a transfer id).
 */
export type ProofPartView =
  | { readonly kind: 'args' | 'result' | 'event' }
  | {
      readonly kind: 'read' | 'range' | 'write';
      readonly keyType: string;
      readonly owner: string | undefined;
    };

/**
 * Whose data each type of world-state key holds (the contract's key types):
 * a customer's (the id first), a store's, the transaction's own record
 * (a transfer, a grant: shown as the transaction's content is, see
 * {@link PROOF_CONTENT_READERS}), or the ledger's
 * configuration and other participants, which no party needs in a proof.
 */
export const KEY_OWNERS: Readonly<Record<string, 'customer' | 'store' | 'transaction' | 'ledger'>> =
  {
    customer: 'customer',
    lot: 'customer',
    movement: 'customer',
    'grant-open': 'customer',
    store: 'store',
    ticket: 'store',
    'ticket-time': 'store',
    'return-points': 'store',
    transfer: 'transaction',
    grant: 'transaction',
    config: 'ledger',
    gs1: 'ledger',
    manufacturer: 'ledger',
  };

/**
 * A transaction's own content, as the disclosure rule sees it: its
 * arguments, its result, its event, and its own record (the `transaction`
 * keys of {@link KEY_OWNERS}: a transfer's, a grant's).
 */
export type ProofContentPart = 'args' | 'result' | 'event' | 'record';

type ContentReaders = Readonly<Record<ProofContentPart, readonly PersonRole[]>>;

const toCustomers: ContentReaders = {
  args: ['customer'],
  result: ['customer'],
  event: ['customer'],
  record: ['customer'],
};

/**
 * The kinds of transaction (contract:function) whose own content a proof
 * shows, part by part, and to whom besides auditors. Each part listed says
 * no more of the other parties than the reader's API does (issue 22 §1's
 * scan, test/api/proof-scan.test.ts, checks it):
 *
 * - a ticket's arguments (the ticket) and result (the till's receipt) to
 *   its customer, its store and its retailer; its event and the grant it
 *   used to its customer only: the event names the customer whose points a
 *   return took back (a return's ticket does not, and the customer may
 *   never have shopped at the returning store) and carries the grant as the
 *   customer gave it (how many points they allowed, not only those spent);
 * - a transfer, a consolidation, a grant created or cancelled, to its
 *   customers (a transfer names both and the points: each reads that in
 *   their movements);
 * - a redemption at a till, to nobody but auditors: its arguments, result,
 *   event and grant all carry the till's own `redemptionId`, which the
 *   customer's API never shows. The customer's proof of it shows their own
 *   keys: the lots it consumed and the movement it wrote (store, grant,
 *   points).
 */
export const PROOF_CONTENT_READERS: Readonly<Record<string, ContentReaders>> = {
  'tickets:RecordTicket': {
    args: ['customer', 'store', 'retailer'],
    result: ['customer', 'store', 'retailer'],
    event: ['customer'],
    record: ['customer'],
  },
  'points:TransferPoints': toCustomers,
  'points:ConsolidateLots': toCustomers,
  'points:CreateRedemptionGrant': toCustomers,
  'points:CancelRedemptionGrant': toCustomers,
  'points:RedeemPoints': { args: [], result: [], event: [], record: [] },
};

/** Whether `role` may see `part` of the content of a transaction of `kind`. */
function readsContent(role: PersonRole, kind: string, part: ProofContentPart): boolean {
  return PROOF_CONTENT_READERS[kind]?.[part].includes(role) ?? false;
}

/**
 * Whether a proof of a transaction of `kind` (contract:function) may show
 * `reader` this part; what it may not show it carries only as a salted
 * commitment. Auditors see every part. Others see the transaction's content
 * (its arguments, result, event and own record) where
 * {@link PROOF_CONTENT_READERS} lists their role for that part, and a key
 * when it is theirs ({@link KEY_OWNERS}: a customer's own keys, a store's
 * own keys). So the receiver of a transfer sees the transfer and their new
 * lot, not the lots the sender gave from (nor where the sender earned them);
 * a store sees its ticket, not the customer's lots a points payment consumed
 * nor the grant behind it.
 */
export function mayDiscloseInProof(
  reader: ProofReader,
  kind: string,
  part: ProofPartView,
): boolean {
  if (reader.role === 'auditor') return true;
  if (!('keyType' in part)) return readsContent(reader.role, kind, part.kind);
  if (part.owner === undefined) return false;
  switch (KEY_OWNERS[part.keyType]) {
    case 'customer':
      return part.owner === reader.customerId;
    case 'store':
      return part.owner === reader.storeId;
    case 'transaction':
      return readsContent(reader.role, kind, 'record');
    default:
      return false;
  }
}
