import type { ContractClient } from '../client/contract-client';
import type { Identity, ProofService } from '../ledger/gateway';
import {
  FeedQueries,
  ParticipantQueries,
  PointsQueries,
  SalesQueries,
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
  }
}
