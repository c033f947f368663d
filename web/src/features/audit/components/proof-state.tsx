import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Loading, LoadError } from '../../../components/states';
import { isNotFound } from '../../points/components/customer-only';
import { isFabric, type ProofDocument } from '../api/ledger';
import type { TrustedKey } from '../trust/pinned-key';
import { WithKey } from './audit-frame';
import { FabricNotice } from './fabric-notice';

/**
 * A proof document as fetched, in each of its states: loading, not on the
 * ledger (`notFound`), failed, a Fabric document (not verifiable here), or
 * one to check with the pinned key (`verified`; the key panel when none is).
 */
export function ProofState(props: {
  proof: UseQueryResult<ProofDocument>;
  notFound: string;
  fileName: string;
  trusted: TrustedKey | null;
  verified: (trusted: TrustedKey, doc: ProofDocument) => ReactNode;
}) {
  const { proof } = props;
  if (proof.isPending) return <Loading />;
  if (proof.isError)
    return isNotFound(proof.error) ? (
      <p role="alert">{props.notFound}</p>
    ) : (
      <LoadError error={proof.error} retry={() => void proof.refetch()} />
    );
  if (isFabric(proof.data)) return <FabricNotice doc={proof.data} fileName={props.fileName} />;
  const doc = proof.data;
  return <WithKey trusted={props.trusted}>{(trusted) => props.verified(trusted, doc)}</WithKey>;
}
