export {
  EmbeddedLedger,
  LEDGER_FILE,
  NODE_KEY_FILE,
  type EmbeddedLedgerOptions,
} from './embedded-ledger';
export type { BlockCutting } from './block-cutter';
export type { EndorserPoolOptions } from './endorser-pool';
export { NodeKey, parsePublicKey, verifySignature } from './node-key';
export {
  decodeBlockHeader,
  encodeBlockHeader,
  hashBlockHeader,
  GENESIS_PREVIOUS_HASH,
  type BlockHeader,
} from './block-header';
export {
  decodeBytes,
  decodeLeafRecord,
  decodeTxRecord,
  type LeafRecord,
  type TxRecord,
  type TxRecordV2,
} from './tx-record';
export { LedgerProofs } from './proofs';
export {
  ErasureError,
  type ErasureErrorCode,
  type ErasedPartEntry,
  type ErasureRequest,
} from './erasure';
export { EmbeddedProofService } from './embedded-proof-service';
export type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  Disclosures,
  InclusionProofBundle,
  InclusionProofBundleV2,
  SignedHead,
} from './proof-bundle';
export {
  checkConsistencyProof,
  checkInclusionProof,
  checkSignedHead,
  ProofCheckError,
  type ProofCheckCode,
} from './proof-check';
export {
  defaultVerifyThreads,
  verifyLedger,
  type VerifyFailure,
  type VerifyOptions,
  type VerifyFailureCode,
  type VerifyProgress,
  type VerifyReport,
} from './verifier';
export { LedgerStore } from './store';
export { toLedgerBlock } from './block-view';
