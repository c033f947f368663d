import type { ContractClient } from '../client/contract-client';
import type { Identity, ProofDocument, ProofService } from '../ledger/gateway';
import type { Person, PersonRole } from './auth/person';
import {
  FeedQueries,
  ParticipantQueries,
  PointsQueries,
  SalesQueries,
  StoreTotalsQueries,
  TicketQueries,
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

  constructor(
    readonly projector: Projector,
    readonly client: ContractClient,
    /** Ledger identities the query server acts as. */
    readonly identities: { readonly query: Identity; readonly operator: Identity },
    /** Proofs, where the ledger engine offers them. */
    readonly proofs: ProofService | undefined,
  ) {
    const db = projector.readModel.db;
    this.tickets = new TicketQueries(db);
    this.sales = new SalesQueries(db);
    this.points = new PointsQueries(db);
    this.feed = new FeedQueries(db);
    this.participants = new ParticipantQueries(db);
    this.storeTotals = new StoreTotalsQueries(db);
  }

  /**
   * Whether `person` reads the tickets of `storeId`: a store its own, a
   * retailer those of its stores. Other roles read tickets by other rules.
   */
  readsStore(person: Person, storeId: string): boolean {
    if (person.role === 'store') return person.subjectId === storeId;
    if (person.role === 'retailer') {
      return (
        person.subjectId !== null && this.participants.retailerOf(storeId) === person.subjectId
      );
    }
    return false;
  }

  /**
   * The inclusion proof of a transaction for a person of `role`, or
   * `undefined` when the engine has none or when its proof would show that
   * person more than their share: a Fabric proof carries its whole block,
   * so only auditors, who see every transaction, get one.
   */
  async proofFor(role: PersonRole, txId: string): Promise<ProofDocument | undefined> {
    if (this.proofs === undefined) return undefined;
    if (this.proofs.disclosure === 'block' && role !== 'auditor') return undefined;
    return this.proofs.inclusion(txId);
  }
}

/** `{ proof }` to spread into a response, or nothing when there is no proof to give. */
export function withProof(proof: ProofDocument | undefined): { proof?: ProofDocument } {
  return proof === undefined ? {} : { proof };
}
