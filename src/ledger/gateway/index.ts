export type { Identity } from './identity';
export type {
  ProofDocument,
  ProofKind,
  ProofPart,
  ProofPartFilter,
  ProofService,
} from './proof-service';
export type { ValidationCode } from './validation-code';
export type {
  BlockTransaction,
  CommittedTransaction,
  ContractEvent,
  LedgerBlock,
  LedgerGateway,
  ListenOptions,
  Proposal,
} from './gateway';
export {
  ClosedError,
  CommitError,
  CommitStatusError,
  EndorseError,
  GatewayError,
  NotFoundError,
  SubmitError,
  type GatewayErrorCode,
} from './errors';
