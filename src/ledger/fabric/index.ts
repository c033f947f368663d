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
