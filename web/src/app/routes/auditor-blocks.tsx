import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, getRouteApi } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { Loading, LoadError } from '../../components/states';
import { blocksQuery, headQuery } from '../../features/audit/api/ledger';
import { AuditFrame } from '../../features/audit/components/audit-frame';
import { shortHash } from '../../features/audit/components/head-fields';
import { useI18n } from '../../lib/i18n/i18n';
import { formatDateTime } from '../../lib/money';

/** Blocks shown per page. */
export const BLOCKS_PAGE = 10;

/** The blocks and their transactions, newest page first, each transaction to its proof. */
export function AuditorBlocksPage({ from }: { from: number | undefined }) {
  const { t } = useI18n();
  return (
    <AuditFrame title={t('audit.blocks.title')}>
      {() => (
        <>
          <OpenTransaction />
          <Blocks from={from} />
        </>
      )}
    </AuditFrame>
  );
}

function Blocks({ from: asked }: { from: number | undefined }) {
  const { t, locale } = useI18n();
  const head = useQuery(headQuery);
  const height = head.data?.height;
  const from = asked ?? Math.max(0, (height ?? 0) - BLOCKS_PAGE);
  const blocks = useQuery({ ...blocksQuery(from, BLOCKS_PAGE), enabled: height !== undefined });
  if (head.isError) return <LoadError error={head.error} retry={() => void head.refetch()} />;
  if (blocks.isError) return <LoadError error={blocks.error} retry={() => void blocks.refetch()} />;
  if (blocks.data === undefined) return <Loading />;
  const { blocks: page, height: total } = blocks.data;
  if (page.length === 0) return <p>{t('audit.blocks.empty')}</p>;
  return (
    <>
      <Pager from={from} height={total} />
      {[...page].reverse().map((block) => (
        <section key={block.number} aria-labelledby={`block-${block.number}`}>
          <h2 id={`block-${block.number}`}>{t('audit.blocks.block', { number: block.number })}</h2>
          <div className="audit-scroll">
            <table>
              <caption className="visually-hidden">
                {t('audit.blocks.caption', { number: block.number })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.blocks.col.tx')}</th>
                  <th scope="col">{t('audit.blocks.col.call')}</th>
                  <th scope="col">{t('audit.blocks.col.validation')}</th>
                  <th scope="col">{t('audit.blocks.col.creator')}</th>
                  <th scope="col">{t('audit.blocks.col.time')}</th>
                  <th scope="col">{t('audit.blocks.col.events')}</th>
                </tr>
              </thead>
              <tbody>
                {block.transactions.map((tx) => (
                  <tr key={tx.txId}>
                    <td>
                      <Link
                        to="/auditor/transactions/$txId"
                        params={{ txId: tx.txId }}
                        title={tx.txId}
                      >
                        <span className="visually-hidden">{t('audit.blocks.proofOf')} </span>
                        <code>{shortHash(tx.txId)}</code>
                      </Link>
                    </td>
                    <td>
                      <code>
                        {tx.contract}:{tx.fn}
                      </code>
                    </td>
                    <td>{tx.validationCode}</td>
                    <td>{tx.creatorMspId}</td>
                    <td>{formatDateTime(tx.timestamp, locale)}</td>
                    <td>{tx.events.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <Pager from={from} height={total} />
    </>
  );
}

/** Newer and older pages of blocks. */
function Pager({ from, height }: { from: number; height: number }) {
  const { t } = useI18n();
  const newer =
    from + BLOCKS_PAGE < height ? Math.min(from + BLOCKS_PAGE, height - BLOCKS_PAGE) : undefined;
  const older = from > 0 ? Math.max(0, from - BLOCKS_PAGE) : undefined;
  const last = Math.min(from + BLOCKS_PAGE, height) - 1;
  return (
    <nav aria-label={t('audit.pages')} className="pager">
      <span>{t('audit.blocks.range', { first: from, last, height })}</span>
      {newer !== undefined && (
        <Link to="/auditor/blocks" search={{ from: newer }}>
          {t('audit.newer')}
        </Link>
      )}
      {older !== undefined && (
        <Link to="/auditor/blocks" search={{ from: older }}>
          {t('audit.older')}
        </Link>
      )}
    </nav>
  );
}

/** Any transaction by its id (64 hex digits), to its proof. */
function OpenTransaction() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [txId, setTxId] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate({
      to: '/auditor/transactions/$txId',
      params: { txId: txId.trim().toLowerCase() },
    });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <span>
        <label htmlFor={id}>{t('audit.blocks.open')}</label>
        <input
          id={id}
          value={txId}
          onChange={(e) => setTxId(e.target.value)}
          pattern="\s*[0-9a-fA-F]{64}\s*"
          required
          size={40}
          spellCheck={false}
        />
      </span>
      <button type="submit">{t('audit.blocks.openSubmit')}</button>
    </form>
  );
}

const route = getRouteApi('/session/auditor/blocks');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function AuditorBlocksRoute() {
  return <AuditorBlocksPage from={route.useSearch().from} />;
}
