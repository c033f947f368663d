import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatMoney } from '../../../lib/money';
import { formatDecimal } from '../../store-tickets/format';
import type { ReportRow } from '../api/get-manufacturer-sales';
import { SERIES_COLOURS, topProducts, type TopProduct } from '../figures';
import { compact, daysBefore, type DashboardSearch } from '../search';
import { DataTable, type Column } from './data-table';
import { barPaths, categoryAxes, UPlotChart, type ChartOptions } from './uplot-chart';

const TOP = 10;

/**
 * The drill-down of a figure over the whole window: the lines route takes
 * at most 31 days, so a longer window drills into its last 31.
 */
export function windowLines(search: DashboardSearch, filters: { storeId?: string; gtin?: string }) {
  const earliest = daysBefore(search.to, 30);
  return compact({
    from: search.from < earliest ? earliest : search.from,
    to: search.to,
    storeId: filters.storeId ?? search.storeId,
    gtin: filters.gtin ?? search.gtin,
  });
}

/** The best-selling products of the window (by net amount): bars, and the table behind them. */
export function TopProducts({ rows, search }: { rows: ReportRow[]; search: DashboardSearch }) {
  const { t, locale } = useI18n();
  const top = useMemo(() => topProducts(rows, TOP), [rows]);
  const options = useMemo<ChartOptions>(
    () => ({
      ...categoryAxes(top.map((p) => p.gtin)),
      series: [
        {},
        {
          label: 'amount',
          stroke: SERIES_COLOURS[0],
          fill: `${SERIES_COLOURS[0]}55`,
          paths: barPaths,
          points: { show: false },
        },
      ],
    }),
    [top],
  );
  // Plotting coordinates only: the table shows the exact amounts.
  const data = useMemo<uPlot.AlignedData>(
    () => [top.map((_, i) => i), top.map((p) => Number(p.amount))],
    [top],
  );
  const columns: Column<TopProduct>[] = [
    {
      header: t('mfr.col.gtin'),
      value: (p) => p.gtin,
      rowHeader: true,
      render: (p) => (
        <Link to="/manufacturer/lines" search={windowLines(search, { gtin: p.gtin })}>
          {p.gtin}
        </Link>
      ),
    },
    { header: t('mfr.col.currency'), value: (p) => p.currency },
    {
      header: t('mfr.col.quantity'),
      value: (p) => p.quantity,
      render: (p) => formatDecimal(p.quantity, locale),
      numeric: true,
    },
    {
      header: t('mfr.col.amount'),
      value: (p) => p.amount,
      render: (p) => formatMoney(p.amount, p.currency, locale),
      numeric: true,
    },
    { header: t('mfr.col.lines'), value: (p) => String(p.lines), numeric: true },
  ];
  const title = t('mfr.top.title', { count: TOP });
  return (
    <section aria-labelledby="top-title" className="mfr-panel">
      <h2 id="top-title">{title}</h2>
      {top.length > 0 && <UPlotChart label={title} options={options} data={data} />}
      <DataTable
        caption={title}
        columns={columns}
        rows={top}
        rowKey={(p) => `${p.gtin}/${p.currency}`}
        filename={`top-products-${search.from}-${search.to}.csv`}
        testId="top-table"
      />
    </section>
  );
}
