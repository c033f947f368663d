import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import type { InclusionProofBundle, LeafRecord } from '@verifier';
import { useMemo } from 'react';
import { inclusionQuery, type ProofDocument } from '../../features/audit/api/ledger';
import { AuditFrame, type AuditContext } from '../../features/audit/components/audit-frame';
import type { TrustedKey } from '../../features/audit/trust/pinned-key';
import { HeadFields } from '../../features/audit/components/head-fields';
import { Command, ProofJson } from '../../features/audit/components/proof-json';
import { ProofState } from '../../features/audit/components/proof-state';
import { VerdictView } from '../../features/audit/components/verdict-view';
import { verdictOf } from '../../features/audit/verify/verdict';
import { useI18n } from '../../lib/i18n/i18n';
import { formatDateTime } from '../../lib/money';

/** A transaction's inclusion proof, verified here against the pinned key. */
export function AuditorTransactionPage({ txId }: { txId: string }) {
  const { t } = useI18n();
  return (
    <AuditFrame title={t('audit.tx.title')}>
      {(context) => <Transaction {...context} txId={txId} />}
    </AuditFrame>
  );
}

function Transaction({ txId, ...context }: AuditContext & { txId: string }) {
  const { t } = useI18n();
  const proof = useQuery(inclusionQuery(txId));
  const fileName = `proof-${txId.slice(0, 16)}.json`;
  return (
    <>
      <p>
        {t('audit.tx.id')} <code className="hash">{txId}</code>
      </p>
      <ProofState
        proof={proof}
        notFound={t('audit.tx.none')}
        fileName={fileName}
        trusted={context.trusted}
        verified={(trusted, doc) => (
          <Verified verifier={context.verifier} trusted={trusted} doc={doc} fileName={fileName} />
        )}
      />
      <p>
        <Link to="/auditor/blocks">{t('audit.tx.back')}</Link>
      </p>
    </>
  );
}

function Verified({
  verifier,
  trusted,
  doc,
  fileName,
}: {
  verifier: AuditContext['verifier'];
  trusted: TrustedKey;
  doc: ProofDocument;
  fileName: string;
}) {
  const { t, locale } = useI18n();
  // Synchronous and a few dozen hashes: checked on every render of a new document, never cached.
  const verdict = useMemo(
    () =>
      verdictOf(verifier, () =>
        verifier.checkInclusionProof(doc as unknown as InclusionProofBundle, trusted.key),
      ),
    [verifier, trusted.key, doc],
  );
  return (
    <>
      <VerdictView
        verdict={verdict}
        verified={
          verdict.ok
            ? t('audit.tx.verified', {
                seq: verdict.value.record.seq,
                block: verdict.value.head.number,
                size: verdict.value.head.logSize,
              })
            : ''
        }
      />
      {verdict.ok && (
        <>
          <h2>{t('audit.tx.record')}</h2>
          <dl className="head-fields">
            <dt>{t('audit.tx.call')}</dt>
            <dd>
              <code>
                {verdict.value.record.contract}:{verdict.value.record.fn}
              </code>
            </dd>
            <dt>{t('audit.tx.validation')}</dt>
            <dd>{verdict.value.record.validation}</dd>
            <dt>{t('audit.tx.creator')}</dt>
            <dd>{verdict.value.record.creator.mspId}</dd>
            <dt>{t('audit.tx.time')}</dt>
            <dd>{formatDateTime(verdict.value.record.timestamp, locale)}</dd>
            <dt>{t('audit.tx.block')}</dt>
            <dd>{verdict.value.record.block}</dd>
            <dt>{t('audit.tx.event')}</dt>
            <dd>
              {eventName(verdict.value.record, doc, t('audit.tx.withheld')) ??
                t('audit.tx.noEvent')}
            </dd>
            <dt>{t('audit.tx.parts')}</dt>
            <dd>
              {t('audit.tx.partsCount', {
                disclosed: verdict.value.parts.disclosed.length,
                withheld: verdict.value.parts.withheld.length,
              })}
            </dd>
          </dl>
          <h2>{t('audit.tx.head')}</h2>
          <HeadFields head={verdict.value.head} />
        </>
      )}
      <h2>{t('audit.proof.offline')}</h2>
      <p>{t('audit.proof.offlineHow')}</p>
      <Command>{`eter check-proof ${fileName} --pubkey node.pem`}</Command>
      <ProofJson doc={doc} fileName={fileName} />
    </>
  );
}

/**
 * The event's name: in a version 1 record itself; in a version 2 record
 * only when the proof discloses the event (checked against its commitment).
 */
function eventName(record: LeafRecord, doc: ProofDocument, withheld: string): string | undefined {
  if (record.v === 1) return record.event?.name;
  if (record.event === null) return undefined;
  const disclosed = (doc as { disclosed?: { event?: { name: string } } }).disclosed;
  return disclosed?.event?.name ?? withheld;
}

const route = getRouteApi('/session/auditor/transactions/$txId');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function AuditorTransactionRoute() {
  return <AuditorTransactionPage txId={route.useParams().txId} />;
}
