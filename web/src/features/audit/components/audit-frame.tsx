import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Loading, LoadError } from '../../../components/states';
import { sessionQuery } from '../../../lib/auth';
import { useI18n } from '../../../lib/i18n/i18n';
import { headQuery, isFabric } from '../api/ledger';
import { usePinnedKey, type TrustedKey } from '../trust/pinned-key';
import { useVerifier, type Verifier } from '../verify/load-verifier';
import { AuditNav } from './audit-nav';
import { ContinuityBanner } from './continuity-banner';
import { KeyPanel } from './key-panel';
import './audit.css';

export interface AuditContext {
  readonly verifier: Verifier;
  /** Always a key on the embedded ledger; none on Fabric, whose proofs are not checked here. */
  readonly trusted: TrustedKey | null;
}

/**
 * Every explorer page: for auditors (the API serves the ledger to no one else), with the verifier
 * loaded and a key pinned; until one is, the page asks for the key, since nothing can be verified
 * without it. On top, the continuity of the newest head with the one remembered. A Fabric ledger
 * has no node key: its pages show its blocks, and its proofs as not verifiable here.
 */
export function AuditFrame({
  title,
  children,
  intro,
}: {
  title: string;
  children: (context: AuditContext) => ReactNode;
  /** Shown before the key is pinned, too (the explorer's home shows the key itself). */
  intro?: ReactNode;
}) {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  const verifier = useVerifier();
  const pinned = usePinnedKey();
  const head = useQuery(headQuery);
  if (!person) return null;
  const heading = <h1 id="page-title">{title}</h1>;
  if (person.role !== 'auditor')
    return (
      <section aria-labelledby="page-title">
        {heading}
        <p>{t('audit.notAuditor', { role: t(`role.${person.role}`) })}</p>
      </section>
    );
  const failed = verifier.error ?? pinned.error ?? head.error;
  const fabric = head.data?.head !== undefined && isFabric(head.data.head);
  return (
    <section aria-labelledby="page-title" className="audit">
      <AuditNav />
      {heading}
      {failed ? (
        <LoadError
          error={failed}
          retry={() => void Promise.all([verifier.refetch(), pinned.refetch(), head.refetch()])}
        />
      ) : verifier.data === undefined || pinned.data === undefined || head.data === undefined ? (
        <Loading />
      ) : pinned.data === null && !fabric ? (
        <>
          {intro}
          <KeyPanel trusted={null} />
        </>
      ) : (
        <>
          {fabric ? (
            <p className="continuity">{t('audit.continuity.fabric')}</p>
          ) : (
            pinned.data !== null && <ContinuityBanner trusted={pinned.data} />
          )}
          {intro}
          {children({ verifier: verifier.data, trusted: pinned.data })}
        </>
      )}
    </section>
  );
}

/** A check that needs the pinned key: without one (a Fabric ledger), the way to pin one. */
export function WithKey({
  trusted,
  children,
}: {
  trusted: TrustedKey | null;
  children: (trusted: TrustedKey) => ReactNode;
}) {
  return trusted === null ? <KeyPanel trusted={null} /> : children(trusted);
}
