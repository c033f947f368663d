/**
 * Proofs that data is on the ledger, in documents a client can check on its
 * own. Each engine has its own kind (the embedded ledger signs heads of an
 * RFC 6962 log; Fabric has orderer-signed blocks), so the documents are
 * opaque here: `format` names the kind and its checker.
 */

/** A self-contained proof document, JSON. */
export interface ProofDocument {
  /** Names the document kind, e.g. `eter-inclusion-proof/v1`. */
  readonly format?: string;
  readonly [field: string]: unknown;
}

/** What an engine that can prove its contents offers, next to its gateway. */
export interface ProofService {
  /**
   * The signed head of a block (default: the newest).
   * @throws {NotFoundError} for a block the ledger does not have.
   */
  head(blockNumber?: number): Promise<ProofDocument>;

  /**
   * Proof that a transaction, with its arguments, result and event, is on the
   * ledger, against the head of `atBlock` (default: the newest).
   * @throws {NotFoundError} for an unknown transaction or block.
   */
  inclusion(transactionId: string, atBlock?: number): Promise<ProofDocument>;

  /**
   * Proof that the ledger at `toBlock` (default: the newest) extends the
   * ledger at `fromBlock`.
   * @throws {NotFoundError} for an unknown block.
   */
  consistency(fromBlock: number, toBlock?: number): Promise<ProofDocument>;
}
