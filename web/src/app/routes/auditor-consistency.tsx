import { useQuery } from '@tanstack/react-query';
import { useNavigate, getRouteApi } from '@tanstack/react-router';
import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  asConsistency,
  consistencyQuery,
  headQuery,
  type ProofDocument,
} from '../../features/audit/api/ledger';
import { AuditFrame, type AuditContext } from '../../features/audit/components/audit-frame';
import type { TrustedKey } from '../../features/audit/trust/pinned-key';
import { HeadFields } from '../../features/audit/components/head-fields';
import { Command, ProofJson } from '../../features/audit/components/proof-json';
import { ProofState } from '../../features/audit/components/proof-state';
import { VerdictView } from '../../features/audit/components/verdict-view';
import { verdictOf } from '../../features/audit/verify/verdict';
import { useI18n } from '../../lib/i18n/i18n';

/** A consistency proof between two heads the auditor picks, verified here. */
export function AuditorConsistencyPage({ from, to }: { from?: number; to?: number }) {
  const { t } = useI18n();
  return (
    <AuditFrame title={t('audit.consistency.title')} intro={<p>{t('audit.consistency.intro')}</p>}>
      {(context) => (
        <>
          <PickHeads key={`${from}-${to}`} from={from} to={to} />
          {from !== undefined && to !== undefined && (
            <Consistency {...context} from={from} to={to} />
          )}
        </>
      )}
    </AuditFrame>
  );
}

function PickHeads({ from, to }: { from?: number; to?: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const height = useQuery(headQuery).data?.height;
  const newest = height === undefined ? '' : String(Math.max(0, height - 1));
  const [fromText, setFrom] = useState(from === undefined ? '0' : String(from));
  const [toText, setTo] = useState(to === undefined ? '' : String(to));
  const [fromId, toId] = [useId(), useId()];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { from: Number(fromText), to: Number(toText === '' ? newest : toText) };
    void navigate({ to: '/auditor/consistency', search: next });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <span>
        <label htmlFor={fromId}>{t('audit.consistency.from')}</label>
        <input
          id={fromId}
          type="number"
          min={0}
          required
          value={fromText}
          onChange={(e) => setFrom(e.target.value)}
        />
      </span>
      <span>
        <label htmlFor={toId}>{t('audit.consistency.to')}</label>
        <input
          id={toId}
          type="number"
          min={0}
          value={toText}
          placeholder={newest}
          onChange={(e) => setTo(e.target.value)}
        />
      </span>
      <button type="submit">{t('audit.consistency.check')}</button>
    </form>
  );
}

function Consistency({ from, to, ...context }: AuditContext & { from: number; to: number }) {
  const { t } = useI18n();
  const proof = useQuery({ ...consistencyQuery(from, to), enabled: from <= to });
  const fileName = `consistency-${from}-${to}.json`;
  if (from > to) return <p role="alert">{t('audit.consistency.order')}</p>;
  return (
    <ProofState
      proof={proof}
      notFound={t('audit.consistency.none')}
      fileName={fileName}
      trusted={context.trusted}
      verified={(trusted, doc) => (
        <Verified verifier={context.verifier} trusted={trusted} doc={doc} fileName={fileName} />
      )}
    />
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
  const { t } = useI18n();
  const verdict = useMemo(
    () =>
      verdictOf(verifier, () => verifier.checkConsistencyProof(asConsistency(doc), trusted.key)),
    [verifier, trusted.key, doc],
  );
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{t('audit.consistency.result')}</h2>
      <VerdictView
        verdict={verdict}
        verified={
          verdict.ok
            ? t('audit.consistency.verified', {
                to: verdict.value.to.number,
                toSize: verdict.value.to.logSize,
                from: verdict.value.from.number,
                fromSize: verdict.value.from.logSize,
              })
            : ''
        }
      />
      {verdict.ok && (
        <div className="two-heads">
          <div>
            <h3>{t('audit.consistency.fromHead')}</h3>
            <HeadFields head={verdict.value.from} />
          </div>
          <div>
            <h3>{t('audit.consistency.toHead')}</h3>
            <HeadFields head={verdict.value.to} />
          </div>
        </div>
      )}
      <h3>{t('audit.proof.offline')}</h3>
      <Command>{`eter check-proof ${fileName} --pubkey node.pem`}</Command>
      <ProofJson doc={doc} fileName={fileName} />
    </section>
  );
}

const route = getRouteApi('/session/auditor/consistency');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function AuditorConsistencyRoute() {
  return <AuditorConsistencyPage {...route.useSearch()} />;
}
