/**
 * The check of `eter-element-proof/v1` documents: one element of a version 3 transaction proven
 * by its digest in the leaf, with nothing else of the transaction shown.
 */
import type { BlockHeader } from './block-header';
import { fromBase64Url, utf8 } from './bytes';
import { SALT_SIZE } from './commitment';
import { disclosureDigest, readDisclosure } from './elements';
import { checkSignedHead } from './head-check';
import { checkIncluded } from './inclusion-check';
import type { ElementProofBundle } from './proof-bundle';
import { ProofCheckError } from './proof-check-error';
import type { PublicKeyInput } from './public-key';
import { decodeLeafV3, type TxLeafV3 } from './tx-record';

/** What an element proof proved. */
export interface CheckedElements {
  /** The leaf: the transaction's identity and verdict; its other parts only as one digest. */
  readonly leaf: TxLeafV3;
  readonly head: BlockHeader;
  /** The disclosed elements, in the proof's order. */
  readonly elements: readonly unknown[];
}

/**
 * Checks an element proof offline: the head's signature, each disclosure's digest among the
 * leaf's, then the audit path against the signed log root and size.
 * @throws {ProofCheckError}
 * @throws {PublicKeyError} if `publicKey` is not an Ed25519 public key.
 */
export function checkElementProof(
  bundle: ElementProofBundle,
  publicKey: PublicKeyInput,
): CheckedElements {
  if (
    bundle?.format !== 'eter-element-proof/v1' ||
    !Array.isArray(bundle.proof) ||
    !Array.isArray(bundle.disclosures) ||
    !Number.isSafeInteger(bundle.leafIndex)
  ) {
    throw new ProofCheckError('malformed', 'not an eter-element-proof/v1 document');
  }
  const head = checkSignedHead(bundle.head, publicKey);
  const leafBytes = utf8(String(bundle.leaf));
  let leaf: TxLeafV3;
  try {
    leaf = decodeLeafV3(leafBytes);
  } catch (error) {
    throw new ProofCheckError('malformed', 'the leaf is not a version 3 leaf', { cause: error });
  }
  if (leaf.seq !== bundle.leafIndex) {
    throw new ProofCheckError(
      'record-mismatch',
      `the leaf is at ${leaf.seq}, not ${bundle.leafIndex}`,
    );
  }
  const listed = new Set(leaf.elements ?? []);
  const seen = new Set<string>();
  const elements = bundle.disclosures.map((disclosure) => {
    const read = readDisclosure(disclosure);
    if (read === undefined || fromBase64Url(read.salt)?.length !== SALT_SIZE) {
      throw new ProofCheckError('malformed', 'a disclosure is not base64url of [salt, element]');
    }
    const digest = disclosureDigest(disclosure as string);
    if (!listed.has(digest) || seen.has(digest)) {
      throw new ProofCheckError(
        'payload-mismatch',
        seen.has(digest)
          ? 'an element is disclosed twice'
          : "a disclosure's digest is not in the leaf",
      );
    }
    seen.add(digest);
    return read.element;
  });
  checkIncluded(bundle.leafIndex, leafBytes, bundle.proof, head);
  return { leaf, head, elements };
}
