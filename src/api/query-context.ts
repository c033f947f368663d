import type { ContractClient } from '../client/contract-client';
import type { Identity, ProofDocument, ProofPart, ProofService } from '../ledger/gateway';
import {
  mayDiscloseInProof,
  mayReceiveProof,
  type ProofPartView,
  type ProofReader,
} from '../access';
import type { ProofReply } from './http/typed-routes';
import type { CustomerEraser } from '../node/customer-erasure';
import {
  FeedQueries,
  ParticipantQueries,
  PointsQueries,
  SaleLineQueries,
  SalesQueries,
  StoreTotalsQueries,
  TicketQueries,
  type LineReferences,
  type Projector,
} from '../readmodel';

/** What the query routes read from: the read model, and the ledger for the full record and proofs. */
export class QueryContext {
  readonly tickets: TicketQueries;
  readonly sales: SalesQueries;
  readonly points: PointsQueries;
  readonly feed: FeedQueries;
  readonly participants: ParticipantQueries;
  readonly storeTotals: StoreTotalsQueries;
  readonly saleLines: SaleLineQueries;

  constructor(
    readonly projector: Projector,
    readonly client: ContractClient,
    /** Ledger identities the query server acts as. */
    readonly identities: { readonly query: Identity; readonly operator: Identity },
    /** Proofs, where the ledger engine offers them. */
    readonly proofs: ProofService | undefined,
    /** The node's opaque references of sale lines (a manufacturer's drill-down). */
    lineReferences: LineReferences,
    /** Customer erasure, where the ledger engine offers it (the embedded one; not Fabric). */
    readonly erasure?: CustomerEraser,
  ) {
    const db = projector.readModel.db;
    this.tickets = new TicketQueries(db);
    this.sales = new SalesQueries(db);
    this.points = new PointsQueries(db);
    this.feed = new FeedQueries(db);
    this.participants = new ParticipantQueries(db);
    this.storeTotals = new StoreTotalsQueries(db);
    this.saleLines = new SaleLineQueries(db, lineReferences);
  }

  /**
   * The inclusion proof of a transaction for `reader`, showing only the parts
   * of it the access layer lets them see ({@link mayDiscloseInProof}; the rest
   * as salted commitments), or `undefined` when the engine has none or when
   * its proof would show that person more than their share: a Fabric proof
   * carries its whole block, so only auditors, who see every transaction,
   * get one.
   */
  async proofFor(reader: ProofReader, txId: string): Promise<ProofDocument | undefined> {
    if (this.proofs === undefined) return undefined;
    if (!mayReceiveProof(reader.role, this.proofs.disclosure)) return undefined;
    return this.proofs.inclusion(txId, undefined, (part, tx) =>
      mayDiscloseInProof(reader, `${tx.contract}:${tx.fn}`, partView(part)),
    );
  }
}

/**
 * A part as the access layer judges it: a composite key
 * (`\u0000type\u0000attribute\u0000…`, Fabric's layout) by its type and first
 * attribute, its owner; a range by its start key. A key of another form has
 * no owner, and is shown to auditors only.
 */
export function partView(part: ProofPart): ProofPartView {
  if (!('key' in part)) return part;
  const fields = part.key.startsWith('\u0000') ? part.key.split('\u0000') : [];
  return { kind: part.kind, keyType: fields[1] ?? '', owner: fields[2] };
}

/** `{ proof }` to spread into a response, or nothing when there is no proof to give. */
export function withProof(proof: ProofDocument | undefined): { proof?: ProofReply } {
  return proof === undefined ? {} : { proof: asProofReply(proof) };
}

/** A proof document from the engine, as the API declares it (see {@link ProofReply}). */
export function asProofReply(proof: ProofDocument): ProofReply {
  return proof as unknown as ProofReply;
}
