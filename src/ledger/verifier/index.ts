/**
 * The one verifier of Eter's proofs: RFC 6962 inclusion and consistency, Ed25519 signed heads, and
 * the `eter-inclusion-proof/v1` and `/v2` (selective disclosure: salted commitments) and
 * `eter-consistency-proof/v1` documents. `eter check-proof`, the
 * tests and the web app all check proofs through it.
 *
 * No Node APIs (no `Buffer`, `node:crypto`, `fs`; eslint forbids them in this folder): bytes are
 * `Uint8Array`, text goes through `TextEncoder`/`TextDecoder`, and hashing and signatures come from
 * `@noble/hashes` (SHA-256) and `@noble/curves` (Ed25519), pure JavaScript that runs unchanged in
 * Node 20 and in browsers. Why noble 1.x rather than WebCrypto or noble 2.x:
 * - WebCrypto (`crypto.subtle`) is async only, which would make every check (and its callers:
 *   `eter check-proof`, `eter seed`, the tests) async, and its Ed25519 support in browsers is
 *   recent; a proof check is a few dozen hashes and one signature, no work for pure JavaScript.
 * - noble 2.x is ESM only. This repository compiles to CommonJS (`module: node16`), under which
 *   TypeScript refuses to import an ES module; noble 1.x ships both CommonJS and ESM builds (Vite
 *   takes the ESM one), has no dependencies of its own, and is audited. The same versions were
 *   already installed through `@hyperledger/fabric-gateway`.
 *
 * Everything is synchronous and throws typed errors: {@link ProofCheckError} (a stable `code` per
 * stage), {@link ProofError} for the Merkle primitives, {@link PublicKeyError} for a bad key.
 *
 * @packageDocumentation
 */
export {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromBase64Url,
  fromHex,
  fromUtf8,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from './bytes';
export { emptyRoot, HASH_SIZE, hashChildren, hashLeaf, sha256, sha256Hex } from './sha256';
export { PROOF_ERROR_CODES, ProofError } from './proof-error';
export type { ProofErrorCode, ProofErrorDetail } from './proof-error';
export { checkHash, checkProof, toUint64 } from './proof-args';
export { rootFromInclusionProof, verifyInclusion } from './inclusion';
export { verifyConsistency } from './consistency';
export { parsePublicKey, PublicKeyError, type PublicKey, type PublicKeyInput } from './public-key';
export { verifySignature } from './signature';
export { decodeBlockHeader, type BlockHeader } from './block-header';
export {
  decodeBytes,
  decodeLeafRecord,
  decodeLeafV3,
  decodeTxRecord,
  encodeLeafV3,
  leafOf,
  payloadMismatch,
  type EncodedBytes,
  type LeafRecord,
  type RangeRead,
  type TxPayloadBytes,
  type TxRecord,
  type TxLeafV3,
  type TxRecordV2,
  type WriteEntry,
} from './tx-record';
export {
  decoyDigest,
  disclosureDigest,
  elementDisclosure,
  elementSlots,
  leafElementDigests,
  MIN_ELEMENT_SLOTS,
  partsDigest,
  PARTS_PREFIX,
  DECOY_PREFIX,
  readDisclosure,
  type ElementSource,
} from './elements';
export {
  argsBody,
  commitment,
  COMMITMENT_PREFIX,
  encodeFields,
  eventBody,
  PART_KINDS,
  rangeBody,
  readBody,
  resultBody,
  SALT_SIZE,
  writeBody,
  type PartKind,
} from './commitment';
export type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  Disclosures,
  ElementProofBundle,
  InclusionProofBundle,
  InclusionProofBundleV2,
  SignedHead,
} from './proof-bundle';
export { ProofCheckError, type ProofCheckCode } from './proof-check-error';
export { checkConsistencyProof, checkSignedHead } from './head-check';
export { checkInclusionProof, type CheckedInclusion } from './inclusion-check';
export { checkElementProof, type CheckedElements } from './element-check';
