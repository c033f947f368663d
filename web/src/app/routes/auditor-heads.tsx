import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { Loading, LoadError } from '../../components/states';
import { asConsistency, headQuery, headsQuery, isFabric } from '../../features/audit/api/ledger';
import {
  AuditFrame,
  WithKey,
  type AuditContext,
} from '../../features/audit/components/audit-frame';
import { FabricNotice } from '../../features/audit/components/fabric-notice';
import { shortHash } from '../../features/audit/components/head-fields';
import { VerdictCell } from '../../features/audit/components/verdict-view';
import { checkHeads } from '../../features/audit/verify/heads-chain';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime } from '../../lib/money';

/** Signed heads shown per page. */
const HEADS_PAGE = 10;

/** The signed heads over time, newest first: each signature and each link to the one before. */
export function AuditorHeadsPage({ last }: { last: number | undefined }) {
  const { t } = useI18n();
  return (
    <AuditFrame title={t('audit.heads.title')} intro={<p>{t('audit.heads.intro')}</p>}>
      {(context) => <Heads {...context} last={last} />}
    </AuditFrame>
  );
}

function Heads({ verifier, trusted, last: asked }: AuditContext & { last: number | undefined }) {
  const { t, locale } = useI18n();
  const head = useQuery(headQuery);
  const height = head.data?.height ?? 0;
  const last = Math.min(asked ?? height - 1, height - 1);
  const first = Math.max(0, last - HEADS_PAGE + 1);
  // One head more than shown, for the first row's link to the header before it.
  const heads = useQuery({
    ...headsQuery(Math.max(0, first - 1), last),
    enabled: head.data !== undefined && last >= 0,
  });
  const key = trusted?.key;
  const checked = useMemo(() => {
    if (heads.data === undefined || key === undefined) return undefined;
    const signed = heads.data.map(({ number, doc }) => ({
      number,
      head: asConsistency(doc).from,
    }));
    return checkHeads(verifier, key, signed).filter((h) => h.number >= first);
  }, [heads.data, verifier, key, first]);

  if (head.isError) return <LoadError error={head.error} retry={() => void head.refetch()} />;
  if (head.data !== undefined && height === 0) return <p>{t('audit.continuity.empty')}</p>;
  if (heads.isError) return <LoadError error={heads.error} retry={() => void heads.refetch()} />;
  if (heads.data === undefined) return <Loading />;
  const fabric = heads.data.find(({ doc }) => isFabric(doc));
  if (fabric !== undefined) return <FabricNotice doc={fabric.doc} fileName="chain.json" />;
  if (checked === undefined) return <WithKey trusted={trusted}>{() => null}</WithKey>;
  const bad = checked.filter((h) => !h.signature.ok || !h.link.ok).length;
  return (
    <>
      {bad === 0 ? (
        <p className="verdict verdict-ok" role="status" data-testid="heads-verdict">
          {t('audit.heads.allOk', { count: checked.length })}
        </p>
      ) : (
        <p className="verdict verdict-bad" role="alert" data-testid="heads-verdict">
          {t('audit.heads.someBad', { bad, count: checked.length })}
        </p>
      )}
      <div className="audit-scroll">
        <table>
          <caption>{t('audit.heads.caption', { first, last })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.head.block')}</th>
              <th scope="col">{t('audit.head.time')}</th>
              <th scope="col">{t('audit.head.txCount')}</th>
              <th scope="col">{t('audit.head.logSize')}</th>
              <th scope="col">{t('audit.head.logRoot')}</th>
              <th scope="col">{t('audit.heads.signature')}</th>
              <th scope="col">{t('audit.heads.link')}</th>
            </tr>
          </thead>
          <tbody>
            {[...checked].reverse().map(({ number, signature, link }) => {
              const header = signature.ok ? signature.value : undefined;
              return (
                <tr key={number}>
                  <th scope="row">{number}</th>
                  <td>{header ? formatDateTime(header.timestamp, locale) : '—'}</td>
                  <td>{header ? formatCount(header.txCount, locale) : '—'}</td>
                  <td>{header ? formatCount(header.logSize, locale) : '—'}</td>
                  <td>
                    {header ? <code title={header.logRoot}>{shortHash(header.logRoot)}</code> : '—'}
                  </td>
                  <td>
                    <VerdictCell verdict={signature} />
                  </td>
                  <td>
                    <VerdictCell verdict={link} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label={t('audit.pages')} className="pager">
        {last < height - 1 && (
          <Link to="/auditor/heads" search={{ last: Math.min(height - 1, last + HEADS_PAGE) }}>
            {t('audit.newer')}
          </Link>
        )}
        {first > 0 && (
          <Link to="/auditor/heads" search={{ last: first - 1 }}>
            {t('audit.older')}
          </Link>
        )}
      </nav>
    </>
  );
}

const route = getRouteApi('/session/auditor/heads');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function AuditorHeadsRoute() {
  return <AuditorHeadsPage last={route.useSearch().last} />;
}
