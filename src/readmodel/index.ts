/**
 * The read model: query tables derived from the ledger's blocks, kept in
 * their own SQLite file by the projector, rebuildable at any time.
 */
export { ReadModel, type ReadModelOptions } from './read-model';
export { Projector, type ProjectorOptions } from './projector';
export type { ProjectedBlock } from './projection';
export { projectUpTo, rebuildReadModel, type RebuildProgress } from './rebuild';
export { readModelDigest } from './digest';
export {
  checkTicketCoverage,
  ledgerTickets,
  type TicketCoverageReport,
  type TicketPlace,
} from './ticket-coverage';
export { READ_MODEL_VERSION } from './schema';
export { CursorError } from './queries/cursor';
export {
  TicketQueries,
  type TicketLineView,
  type TicketRange,
  type TicketView,
  type TicketViewPage,
} from './queries/tickets';
export {
  SalesQueries,
  type Granularity,
  type SalesDimension,
  type SalesRequest,
  type SalesRow,
} from './queries/sales';
export {
  PointsQueries,
  type MovementView,
  type MovementViewPage,
  type PointsSummary,
} from './queries/points';
export { FeedQueries, type SaleLineEvent, type StoreTicketEvent } from './queries/feed';
export { ParticipantQueries, type ParticipantView } from './queries/participants';
export { StoreTotalsQueries, type StoreDayTotals } from './queries/store-totals';
export { SaleLineQueries, type SaleLinePage, type SaleLineRequest } from './queries/sale-lines';
export { LineReferences, LINE_REFERENCE_KEY_FILE, type LinePlace } from './line-reference';

/** File name of the read model in a data folder. */
export const READ_MODEL_FILE = 'read.db';
