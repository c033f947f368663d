/**
 * Eter's chaincode: the same classes run on a Fabric peer (fabric-shim reads
 * `contracts`) and on the embedded ledger.
 */
import { ParticipantsContract } from './participants-contract';
import { PointsContract } from './points-contract';
import { TicketsContract } from './tickets-contract';

export { ParticipantsContract, PointsContract, TicketsContract };
export { ACCESS, PARTICIPANT_ATTRIBUTE, ROLE_ATTRIBUTE, type Caller, type Role } from './access';
export {
  ContractError,
  parseContractFailure,
  type ContractErrorCode,
  type ContractFailure,
  type ErrorDetail,
} from './errors';
export type {
  EventName,
  ParticipantChangedEvent,
  PointsChangedEvent,
  TicketRecordedEvent,
} from './events';
export { ticketMovements } from './events';
export type * from './records';
export type * from './requests';
export type { RecordTicketResult, TicketPage } from './tickets-contract';
export type {
  Balance,
  BalancePage,
  MovementPage,
  RedemptionResult,
  TransferResult,
} from './points-contract';
export { MAX_GRANT_TTL_SECONDS, MAX_POINTS_PER_OPERATION, MIN_TRANSFER_POINTS } from './requests';
export { grantIdOf, MAX_OPEN_GRANTS } from './grants';
export { pointsKept } from './reversals';
export { retailerOf, sameRetailer } from './retailers';
export {
  NOTHING_RETURNED,
  refundCap,
  refundLimit,
  returnLineFor,
  returnedFigures,
  soldFigures,
  type LineFigures,
} from './refunds';
export type { ReturnableLine, ReturnableSale } from './returnable';
export type { ConsolidationResult } from './consolidation';
export { DEFAULT_POINTS_RATE_BP } from './participants-contract';
export { MAX_LOTS_PER_SPEND, pointsFor } from './points';

/** The contract classes, in the shape fabric-shim's contract runtime expects. */
export const contracts = [ParticipantsContract, TicketsContract, PointsContract];

/** A fresh instance of every contract, for a ledger that hosts them in-process. */
export function newContracts() {
  return contracts.map((C) => new C());
}
