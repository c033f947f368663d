/**
 * The check on each visit: is the server's newest head an extension of the last head this browser
 * verified with the pinned key? A node that showed one auditor one history and later another (a
 * fork, a rewrite, a rollback) is caught here, by the auditor's own browser, without trusting the
 * server in between: the consistency proof and both signatures are checked by the verifier, and
 * the proof's `from` head must be the remembered head byte for byte.
 */
import { queryOptions, skipToken } from '@tanstack/react-query';
import type { BlockHeader, SignedHead } from '@verifier';
import { ApiError } from '../../../lib/api-client';
import { asConsistency, fetchConsistency, isFabric } from '../api/ledger';
import { loadVerifier, type Verifier } from '../verify/load-verifier';
import { verdictOf, type FailureCode } from '../verify/verdict';
import type { TrustedKey } from './pinned-key';
import { readRememberedHead, rememberHead, type RememberedHead } from './trust-store';

export type Continuity =
  /** Nothing remembered for this key yet: the newest head is now. */
  | { readonly state: 'first'; readonly head: BlockHeader }
  /** The newest head extends the remembered one, which it now replaces. */
  | { readonly state: 'consistent'; readonly head: BlockHeader; readonly since: RememberedHead }
  /** It does not (or cannot be shown to): the remembered head is kept as it was. */
  | {
      readonly state: 'broken';
      readonly code: FailureCode;
      readonly detail: string;
      readonly remembered: RememberedHead | null;
    };

/** The check of `newest` (none until the newest head is known). */
export function continuityQuery(trusted: TrustedKey, newest: SignedHead | undefined) {
  return queryOptions({
    queryKey: ['audit', 'continuity', trusted.fingerprint, newest?.header, newest?.signature],
    queryFn:
      newest === undefined
        ? skipToken
        : async () => checkContinuity(await loadVerifier(), trusted, newest),
    // Once per head per page load: a new head is a new key, and a reload is a new visit.
    staleTime: Infinity,
    retry: false,
  });
}

async function checkContinuity(
  verifier: Verifier,
  trusted: TrustedKey,
  newest: SignedHead,
): Promise<Continuity> {
  const remembered = await readRememberedHead(trusted.fingerprint);
  const broken = (code: FailureCode, detail: string): Continuity => ({
    state: 'broken',
    code,
    detail,
    remembered,
  });
  const signed = verdictOf(verifier, () => verifier.checkSignedHead(newest, trusted.key));
  if (!signed.ok) return broken(signed.code, signed.detail);
  const head = signed.value;
  const remember = () =>
    rememberHead(trusted.fingerprint, {
      header: newest.header,
      signature: newest.signature,
      block: head.number,
      logSize: head.logSize,
      verifiedAt: new Date().toISOString(),
    });
  if (remembered === null) {
    await remember();
    return { state: 'first', head };
  }
  if (head.number < remembered.block)
    return broken('rollback', `newest block ${head.number} < remembered ${remembered.block}`);

  let doc;
  try {
    doc = await fetchConsistency(remembered.block, head.number);
  } catch (error) {
    // The block of a head this node signed is gone: that is for the auditor to see, not a retry.
    if (error instanceof ApiError && error.status === 404)
      return broken('missing', `block ${remembered.block}: ${error.message}`);
    throw error;
  }
  if (isFabric(doc)) return broken('malformed', 'a Fabric document for an embedded ledger head');
  const bundle = asConsistency(doc);
  const proof = verdictOf(verifier, () => verifier.checkConsistencyProof(bundle, trusted.key));
  if (!proof.ok) return broken(proof.code, proof.detail);
  // Ed25519 signatures are deterministic: the node signs a header it already signed the same way,
  // so a different signature is as telling as a different header.
  const same = (a: SignedHead, b: SignedHead) =>
    verifier.bytesEqual(verifier.utf8(a.header), verifier.utf8(b.header)) &&
    verifier.bytesEqual(
      verifier.fromBase64(a.signature) ?? new Uint8Array(),
      verifier.fromBase64(b.signature) ?? Uint8Array.of(0),
    );
  if (!same(bundle.from, remembered))
    return broken('fork', `the head of block ${remembered.block} is not the one remembered`);
  if (!same(bundle.to, newest))
    return broken('fork', `two different heads served for block ${head.number}`);
  await remember();
  return { state: 'consistent', head, since: remembered };
}
