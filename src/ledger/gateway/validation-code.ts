/**
 * Why a committed transaction was accepted or marked invalid. The names are
 * Fabric's `TxValidationCode` values, so that both engines report alike.
 */
export type ValidationCode =
  /** The transaction's writes were applied. */
  | 'VALID'
  /** A key it read was changed by an earlier transaction: its view was stale. */
  | 'MVCC_READ_CONFLICT'
  /** A range it read gained or lost keys, or a key in it changed. */
  | 'PHANTOM_READ_CONFLICT'
  /** A transaction with the same id is already on the ledger. */
  | 'DUPLICATE_TXID'
  /** The endorsements do not satisfy the chaincode's endorsement policy (Fabric). */
  | 'ENDORSEMENT_POLICY_FAILURE'
  /** Any other reason given by the engine. */
  | 'INVALID_OTHER_REASON';
