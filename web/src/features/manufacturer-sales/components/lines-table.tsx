import { useState } from 'react';
import { KeyPanel } from '../../audit/components/key-panel';
import { usePinnedKey } from '../../audit/trust/pinned-key';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime, formatMoney } from '../../../lib/money';
import { formatDecimal } from '../../store-tickets/format';
import { useSaleLines, type SaleLine } from '../api/get-sale-lines';
import type { LinesSearch } from '../search';
import { DataTable, type Column } from './data-table';
import { ProofCell } from './proof-cell';
import { QueryView } from './query-view';

/**
 * The lines behind a figure, a page at a time (oldest first). The columns
 * are the API's: an opaque reference, never a ticket, transaction or customer; and the
 * line's proof, checked in this browser against the node key pinned here (after the rows draw,
 * one request per row shown).
 */
export function LinesTable({
  manufacturerId,
  search,
}: {
  manufacturerId: string;
  search: LinesSearch;
}) {
  const { t, locale } = useI18n();
  // The cursors of the pages seen so far: the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const lines = useSaleLines(manufacturerId, search, cursors[page]);
  const pinned = usePinnedKey();
  // An unreadable store is no key: the rows say "no key", the panel offers to pin one.
  const trusted = pinned.isError ? null : pinned.data;
  const columns: Column<SaleLine>[] = [
    { header: t('mfr.col.reference'), value: (l) => l.reference, rowHeader: true },
    { header: t('mfr.col.store'), value: (l) => l.storeId },
    {
      header: t('mfr.col.time'),
      value: (l) => l.issuedAt,
      render: (l) => <time dateTime={l.issuedAt}>{formatDateTime(l.issuedAt, locale)}</time>,
    },
    { header: t('mfr.col.type'), value: (l) => l.type, render: (l) => t(`mfr.type.${l.type}`) },
    { header: t('mfr.col.gtin'), value: (l) => l.gtin },
    { header: t('mfr.col.description'), value: (l) => l.description },
    {
      header: t('mfr.col.quantity'),
      value: (l) => l.quantity,
      render: (l) => formatDecimal(l.quantity, locale),
      numeric: true,
    },
    { header: t('mfr.col.currency'), value: (l) => l.currency },
    {
      header: t('mfr.col.amount'),
      value: (l) => l.amount,
      render: (l) => formatMoney(l.amount, l.currency, locale),
      numeric: true,
    },
    {
      header: t('mfr.col.proof'),
      value: () => '',
      render: (l) => <ProofCell manufacturerId={manufacturerId} row={l} trusted={trusted} />,
      csv: false,
    },
  ];
  return (
    <QueryView query={lines}>
      {(data) => (
        <>
          {data.lines.length === 0 ? (
            <p className="state">{t('mfr.lines.empty')}</p>
          ) : (
            <DataTable
              caption={t('mfr.lines.caption', { page: page + 1 })}
              columns={columns}
              rows={data.lines}
              rowKey={(l) => l.reference}
              filename={`sale-lines-${search.from}-${search.to}-page-${page + 1}.csv`}
              testId="lines-table"
            />
          )}
          <div className="pager">
            <button
              type="button"
              disabled={page === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              {t('mfr.lines.previous')}
            </button>
            <button
              type="button"
              disabled={data.nextCursor === undefined}
              onClick={() => setCursors([...cursors, data.nextCursor])}
            >
              {t('mfr.lines.next')}
            </button>
          </div>
          <div className="line-proof-key">
            <p>{t('mfr.proof.about')}</p>
            {trusted !== undefined && <KeyPanel trusted={trusted} />}
          </div>
        </>
      )}
    </QueryView>
  );
}
