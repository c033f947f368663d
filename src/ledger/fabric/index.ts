export { FabricLedger, type FabricLedgerOptions } from './fabric-ledger';
export {
  ConnectionProfileError,
  readConnectionProfile,
  type FabricConnectionProfile,
  type FabricPeerEndpoint,
} from './connection-profile';
export { UnknownIdentityError, Wallet } from './wallet';
export { parseBlock } from './block-parser';
export {
  blockHeaderBytes,
  verifyFabricBlocks,
  type FabricBlockFault,
  type FabricVerifyReport,
} from './block-verifier';
export { FabricProofService } from './fabric-proof-service';
export {
  FabricProofError,
  type FabricChainDocument,
  type FabricHeadDocument,
  type FabricHeaderView,
  type FabricInclusionDocument,
  type FabricProofCode,
} from './block-proof';
export {
  checkFabricChain,
  checkFabricInclusion,
  type CheckedFabricInclusion,
} from './block-proof-check';
export { envelopeCall, type EnvelopeCall } from './envelope-call';
export { ordererRootCertificates } from './block-verifier';
