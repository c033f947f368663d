// The JSON documents `eter proof` prints and `eter check-proof` checks are the verifier's types.
export type {
  AnyInclusionProofBundle,
  ConsistencyProofBundle,
  Disclosures,
  ElementProofBundle,
  InclusionProofBundle,
  InclusionProofBundleV2,
  SignedHead,
} from '../verifier';
