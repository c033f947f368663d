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

/**
 * A part of a transaction an inclusion proof may show: its arguments, result or event, or a key
 * it read, range-read (by the range's start) or wrote.
 */
export type ProofPart =
  | { readonly kind: 'args' | 'result' | 'event' }
  | { readonly kind: 'read' | 'range' | 'write'; readonly key: string };

/**
 * Which parts of its transaction a proof shows (the access layer decides, per
 * reader), given the transaction's contract and function.
 */
export type ProofPartFilter = (
  part: ProofPart,
  tx: { readonly contract: string; readonly fn: string },
) => boolean;

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
   * The public key every head is signed with, as PEM (SPKI), where one node key signs them
   * (the embedded ledger: what `eter pubkey` prints); absent where there is none (Fabric).
   */
  publicKeyPem?(): string;

  /**
   * The signed head of a block (default: the newest).
   * @throws {NotFoundError} for a block the ledger does not have.
   */
  head(blockNumber?: number): Promise<ProofDocument>;

  /**
   * Proof that a transaction, with its arguments, result and event, is on the
   * ledger, against the head of `atBlock` (default: the newest). With `show`,
   * the proof shows only the parts it accepts, where the engine can prove a
   * transaction without the rest (the embedded ledger's version 2 records);
   * without it, everything.
   * @throws {NotFoundError} for an unknown transaction or block.
   */
  inclusion(
    transactionId: string,
    atBlock?: number,
    show?: ProofPartFilter,
  ): Promise<ProofDocument>;

  /**
   * Proof of the elements `select` picks of a transaction's argument (a ticket's lines) that
   * shows nothing else of the transaction, where the engine can prove an element alone (the
   * embedded ledger's version 3 records); absent where it cannot (Fabric).
   * @throws {NotFoundError} for an unknown transaction or block, a transaction without
   * elements, or when `select` picks none.
   */
  elements?(
    transactionId: string,
    select: (element: unknown, index: number) => boolean,
    atBlock?: number,
  ): Promise<ProofDocument>;

  /**
   * Proof that the ledger at `toBlock` (default: the newest) extends the
   * ledger at `fromBlock`.
   * @throws {NotFoundError} for an unknown block.
   */
  consistency(fromBlock: number, toBlock?: number): Promise<ProofDocument>;
}
