// The JSON documents `eter proof` prints and `eter check-proof` checks are the verifier's types.
export type { ConsistencyProofBundle, InclusionProofBundle, SignedHead } from '../verifier';
