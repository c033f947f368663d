import { Link } from '@tanstack/react-router';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatMoney } from '../../../lib/money';
import { formatDecimal } from '../../store-tickets/format';
import type { ReportRow } from '../api/get-manufacturer-sales';
import { linesOfPeriod, type DashboardSearch } from '../search';
import { DataTable, type Column } from './data-table';
import { formatPeriod } from './period-sales';

/** The report broken down by store and/or product, a row per period, store and GTIN; each drills down. */
export function Breakdown({ rows, search }: { rows: ReportRow[]; search: DashboardSearch }) {
  const { t, locale } = useI18n();
  const byStore = search.groupBy?.includes('store') ?? false;
  const byGtin = search.groupBy?.includes('gtin') ?? false;
  const drill = (r: ReportRow) =>
    linesOfPeriod(r.period, { storeId: r.storeId ?? search.storeId, gtin: r.gtin ?? search.gtin });
  const columns: Column<ReportRow>[] = [
    {
      header: t('mfr.col.period'),
      value: (r) => r.period,
      rowHeader: true,
      render: (r) => (
        <Link to="/manufacturer/lines" search={drill(r)}>
          {formatPeriod(r.period, locale)}
        </Link>
      ),
    },
    ...(byStore ? [{ header: t('mfr.col.store'), value: (r: ReportRow) => r.storeId ?? '' }] : []),
    ...(byGtin ? [{ header: t('mfr.col.gtin'), value: (r: ReportRow) => r.gtin ?? '' }] : []),
    { header: t('mfr.col.currency'), value: (r) => r.currency },
    {
      header: t('mfr.col.quantity'),
      value: (r) => r.quantity,
      render: (r) => formatDecimal(r.quantity, locale),
      numeric: true,
    },
    {
      header: t('mfr.col.amount'),
      value: (r) => r.amount,
      render: (r) => formatMoney(r.amount, r.currency, locale),
      numeric: true,
    },
    { header: t('mfr.col.lines'), value: (r) => String(r.lines), numeric: true },
  ];
  const title = t(`mfr.breakdown.${search.groupBy ?? 'store'}`);
  return (
    <section aria-labelledby="breakdown-title" className="mfr-panel">
      <h2 id="breakdown-title">{title}</h2>
      {rows.length === 0 ? (
        <p className="state">{t('mfr.empty')}</p>
      ) : (
        <DataTable
          caption={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.period}/${r.storeId ?? ''}/${r.gtin ?? ''}/${r.currency}`}
          filename={`sales-by-${(search.groupBy ?? '').replace(',', '-')}-${search.from}-${search.to}.csv`}
          testId="breakdown-table"
        />
      )}
    </section>
  );
}
