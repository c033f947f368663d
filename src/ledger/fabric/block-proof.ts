/**
 * Fabric's evidence that a transaction is on a channel, as JSON documents a
 * client checks offline (`checkFabricInclusion`, `checkFabricChain`) with
 * the orderer organisations' root CAs as its trust anchors. Fabric has no
 * Merkle log: a block header commits to its transactions by one SHA-256
 * over all their envelopes, and to the previous block by the hash of its
 * header; orderers sign headers. Hashes are lowercase hex, bytes base64.
 */

/** A block header's three fields (Fabric's `common.BlockHeader`). */
export interface FabricHeaderView {
  readonly number: number;
  /** SHA-256 of the previous header's DER bytes; empty for block 0. */
  readonly previousHash: string;
  /** SHA-256 of the concatenation of the block's envelopes. */
  readonly dataHash: string;
}

/** Fields every Fabric proof document has; `kind` tells them from the embedded ledger's. */
interface FabricDocument {
  readonly kind: 'fabric-block';
  readonly channel: string;
}

/** A block header and its orderer signatures. */
export interface FabricHeadDocument extends FabricDocument {
  readonly format: 'eter-fabric-head/v1';
  readonly header: FabricHeaderView;
  /** SHA-256 of the header's DER bytes: what the next block's `previousHash` is. */
  readonly headerHash: string;
  /** The block's `SIGNATURES` metadata (a `common.Metadata`), base64. */
  readonly signatures: string;
}

/** Headers `from` .. `to`, each chained to the one before, the last signed by orderers. */
export interface FabricChainDocument extends FabricDocument {
  readonly format: 'eter-fabric-chain/v1';
  readonly headers: readonly FabricHeaderView[];
  /** The last block's `SIGNATURES` metadata, base64. */
  readonly signatures: string;
}

/**
 * A transaction's envelope in block `header.number`. Every envelope of the
 * block is included, because the data hash is one SHA-256 over all of them
 * (`protoutil.ComputeBlockDataHash`): there is no shorter path to it. So the
 * document shows the block's other transactions too.
 */
export interface FabricInclusionDocument extends FabricDocument {
  readonly format: 'eter-fabric-inclusion/v1';
  readonly txId: string;
  /** Index of the transaction's envelope in `envelopes`. */
  readonly txIndex: number;
  /**
   * The committing peer's verdict. Peers compute it after ordering and keep
   * it in block metadata that neither the header nor the orderers sign: it
   * is the serving peer's word, not part of what the proof proves.
   */
  readonly validationCode: string;
  readonly header: FabricHeaderView;
  readonly headerHash: string;
  readonly signatures: string;
  /** Every envelope of the block, in order, base64. */
  readonly envelopes: readonly string[];
  /** Present when asked against a later block: the headers from this block to that one. */
  readonly chain?: FabricChainDocument;
}

/** Why a Fabric proof does not hold. */
export type FabricProofCode =
  | 'malformed'
  | 'data-hash'
  | 'header-hash'
  | 'tx-id'
  | 'previous-hash'
  | 'chain-start'
  | 'no-signature'
  | 'untrusted-signer'
  | 'bad-signature';

/** A Fabric proof document failed its check; `code` says which part. */
export class FabricProofError extends Error {
  constructor(
    readonly code: FabricProofCode,
    message: string,
  ) {
    super(message);
    this.name = 'FabricProofError';
  }
}
