/**
 * RFC 6962 Merkle log primitives: hashing, proof verification, proof building from stored nodes,
 * and incremental appending. Pure: storage is behind {@link NodeReader} and {@link NodeWriter}.
 *
 * @packageDocumentation
 */
export { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './hasher';
// Verification is the one verifier's (../verifier, no Node APIs), re-exported.
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../verifier';
export { consistencyProof, inclusionProof } from './proof';
export { rootOf } from './root';
export { LogAppender } from './appender';
export { MemoryNodeStore } from './memory-store';
export type { NodeReader, NodeWriter, StoredNode } from './node-store';
export { NodeStoreError, PROOF_ERROR_CODES, ProofError } from './errors';
export type { NodeStoreErrorCode, ProofErrorCode, ProofErrorDetail } from './errors';
