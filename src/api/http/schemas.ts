/**
 * Schemas of the query side's answers and parameters. Fastify validates the
 * parameters and serializes the answers with them, and the OpenAPI document
 * shows them; a field not listed here is never sent.
 */

/** Shared schemas, registered once with `app.addSchema`. */
export const querySharedSchemas = [
  {
    $id: 'TicketLineView',
    type: 'object',
    required: ['lineNo', 'gtin', 'description', 'quantity', 'amount', 'manufacturerId'],
    properties: {
      lineNo: { type: 'integer' },
      gtin: { type: 'string' },
      description: { type: 'string' },
      quantity: { type: 'string', description: 'Exact decimal' },
      amount: { type: 'string', description: 'Exact decimal, in the ticket currency' },
      manufacturerId: { type: ['string', 'null'] },
      originalLineNo: {
        type: 'integer',
        description: "Return lines only: the sale's line taken back",
      },
      returnedQuantity: {
        type: 'string',
        description: 'Sale lines only: the quantity returns have taken back so far',
      },
      returnedAmount: {
        type: 'string',
        description: 'Sale lines only: the amount returns have refunded so far',
      },
    },
  },
  {
    $id: 'TicketView',
    type: 'object',
    required: [
      'storeId',
      'ticketId',
      'type',
      'issuedAt',
      'currency',
      'total',
      'customerId',
      'originalTicketId',
      'originalStoreId',
      'pointsAwarded',
      'contentHash',
      'txId',
      'blockNumber',
      'lines',
    ],
    properties: {
      storeId: { type: 'string' },
      ticketId: { type: 'string' },
      type: { enum: ['sale', 'return'] },
      issuedAt: { type: 'string', format: 'date-time' },
      currency: { type: 'string' },
      total: { type: 'string' },
      customerId: { type: ['string', 'null'] },
      originalTicketId: { type: ['string', 'null'] },
      originalStoreId: {
        type: ['string', 'null'],
        description: "Returns: the sale's store (the return's own, or another of its retailer)",
      },
      pointsAwarded: { type: 'integer' },
      contentHash: { type: 'string' },
      txId: { type: 'string' },
      blockNumber: { type: 'integer' },
      lines: { type: 'array', items: { $ref: 'TicketLineView#' } },
    },
  },
  {
    $id: 'TicketViewPage',
    type: 'object',
    required: ['tickets'],
    properties: {
      tickets: { type: 'array', items: { $ref: 'TicketView#' } },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
    },
  },
  {
    $id: 'Rfc6962Proof',
    type: 'object',
    description:
      "The embedded ledger's proofs: a head signed by the node (Ed25519) over an RFC 6962 Merkle log of every transaction, an audit path or a consistency path. An `eter-inclusion-proof/v2` shows only the parts of its transaction its reader may see (each with its salt) and the salted commitments of the rest. Check with `eter check-proof --pubkey`.",
    required: ['kind', 'format'],
    properties: {
      kind: { type: 'string', enum: ['rfc6962'] },
      format: {
        type: 'string',
        enum: [
          'eter-inclusion-proof/v1',
          'eter-inclusion-proof/v2',
          'eter-element-proof/v1',
          'eter-consistency-proof/v1',
          'eter-signed-head/v1',
        ],
      },
    },
    additionalProperties: true,
  },
  {
    $id: 'FabricBlockHeader',
    type: 'object',
    required: ['number', 'previousHash', 'dataHash'],
    properties: {
      number: { type: 'integer' },
      previousHash: { type: 'string', description: "SHA-256 of the previous header's DER, hex" },
      dataHash: { type: 'string', description: "SHA-256 of the block's envelopes, hex" },
    },
  },
  {
    $id: 'FabricBlockProof',
    type: 'object',
    description:
      "Fabric's evidence: block headers hash-chained (SHA-256 of each header's DER bytes) and signed by orderers, whose data hash is one SHA-256 over every transaction envelope of the block. An inclusion document therefore carries the whole block's envelopes (base64); check it with the orderer root CAs (`eter check-proof --orderer-ca`). See docs/fabric.md.",
    required: ['kind', 'format', 'channel'],
    properties: {
      kind: { type: 'string', enum: ['fabric-block'] },
      format: {
        type: 'string',
        enum: ['eter-fabric-inclusion/v1', 'eter-fabric-chain/v1', 'eter-fabric-head/v1'],
      },
      channel: { type: 'string' },
      txId: { type: 'string' },
      txIndex: { type: 'integer' },
      validationCode: {
        type: 'string',
        description: "The serving peer's verdict; not covered by the header or signatures",
      },
      header: { $ref: 'FabricBlockHeader#' },
      headerHash: { type: 'string' },
      headers: { type: 'array', items: { $ref: 'FabricBlockHeader#' } },
      signatures: {
        type: 'string',
        description: "The block's SIGNATURES metadata (common.Metadata), base64",
      },
      envelopes: { type: 'array', items: { type: 'string' } },
      chain: { type: 'object', additionalProperties: true },
    },
    additionalProperties: false,
  },
  {
    $id: 'ProofDocument',
    description:
      'A self-contained proof, checkable offline; `kind` names the proof system (`rfc6962`: the embedded ledger; `fabric-block`: Hyperledger Fabric) and `format` the document.',
    oneOf: [{ $ref: 'Rfc6962Proof#' }, { $ref: 'FabricBlockProof#' }],
  },
] as const;

/** `limit` and `cursor` of a paged list. */
export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  cursor: { type: 'string', maxLength: 512 },
} as const;

/** `from` (inclusive) and `to` (exclusive) instants of a time window. */
export const timeWindowQuery = {
  from: { type: 'string', format: 'date-time', description: 'Inclusive, RFC 3339' },
  to: { type: 'string', format: 'date-time', description: 'Exclusive, RFC 3339' },
} as const;

/**
 * A participant id in a path: the contract's id form (a letter or digit,
 * then letters, digits, '.', '_', '-'), so that every id the document allows
 * reaches the route, and nothing that a URL would normalize ('..') or split.
 */
export const idParam = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;

/** A ticket id in a path: the ticket format's own (`TicketTicketId`). */
export const ticketIdParam = { ...idParam } as const;

/** A ledger transaction id in a path: SHA-256, hex. */
export const txIdParam = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

export const problemRef = { $ref: 'Problem#' } as const;

/** Error answers every query route can give. */
export const queryErrors = {
  '4xx': problemRef,
  '5xx': problemRef,
} as const;

/** Security requirement of routes for logged-in people. */
export const personSecurity = [{ personToken: [] }];
