export {
  EmbeddedLedger,
  LEDGER_FILE,
  NODE_KEY_FILE,
  type EmbeddedLedgerOptions,
} from './embedded-ledger';
export type { BlockCutting } from './block-cutter';
export { NodeKey, parsePublicKey, verifySignature } from './node-key';
export {
  decodeBlockHeader,
  encodeBlockHeader,
  hashBlockHeader,
  GENESIS_PREVIOUS_HASH,
  type BlockHeader,
} from './block-header';
export { decodeTxRecord, decodeBytes, type TxRecord } from './tx-record';
