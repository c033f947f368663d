/**
 * Proofs that data is on the ledger, in documents a client can check on its
 * own. Each engine has its own kind (the embedded ledger signs heads of an
 * RFC 6962 log; Fabric has orderer-signed, hash-chained blocks), so the
 * documents are opaque here: `kind` names the engine's proof system and
 * `format` the document and its checker.
 */

/** The proof system of a document: the embedded ledger's RFC 6962 log, or Fabric's blocks. */
export type ProofKind = 'rfc6962' | 'fabric-block';

/** A self-contained proof document, JSON. */
export interface ProofDocument {
  readonly kind: ProofKind;
  /** Names the document, e.g. `eter-inclusion-proof/v1`, `eter-fabric-inclusion/v1`. */
  readonly format: string;
  readonly [field: string]: unknown;
}

/** What an engine that can prove its contents offers, next to its gateway. */
export interface ProofService {
  /**
   * What an inclusion proof shows besides its own transaction: nothing
   * (`transaction`: an audit path of hashes), or every transaction of its
   * block (`block`: Fabric hashes a block's envelopes as one), which only
   * someone who may see every transaction should get.
   */
  readonly disclosure: 'transaction' | 'block';

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
