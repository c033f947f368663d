import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatMoney } from '../../../lib/money';
import { formatDecimal, formatLocalDate } from '../../store-tickets/format';
import type { ReportRow } from '../api/get-manufacturer-sales';
import { currenciesOf, SERIES_COLOURS } from '../figures';
import { linesOfPeriod, type DashboardSearch } from '../search';
import { DataTable, type Column } from './data-table';
import { barPaths, categoryAxes, UPlotChart, type ChartOptions } from './uplot-chart';

/** A period as the reader's locale writes it: a date, or a date and an hour. */
export function formatPeriod(period: string, locale: string): string {
  const date = formatLocalDate(period.slice(0, 10), locale);
  return period.length > 10 ? `${date} ${period.slice(11, 13)}:00` : date;
}

/** A period as an axis label: the day and month, or the day and hour. */
function shortPeriod(period: string, locale: string): string {
  const [y, m, d] = period.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(
    new Date(y, m - 1, d),
  );
  return period.length > 10 ? `${day} ${period.slice(11, 13)}h` : day;
}

/** Net sales per day or hour: a bar chart, and the table behind it (each period drills down). */
export function PeriodSales({ rows, search }: { rows: ReportRow[]; search: DashboardSearch }) {
  const { t, locale } = useI18n();
  const currencies = useMemo(() => currenciesOf(rows), [rows]);
  const periods = useMemo(() => [...new Set(rows.map((r) => r.period))].sort(), [rows]);
  const options = useMemo<ChartOptions>(
    () => ({
      ...categoryAxes(periods.map((p) => shortPeriod(p, locale))),
      series: [
        {},
        ...currencies.map((currency, i) => ({
          label: currency,
          stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
          fill: `${SERIES_COLOURS[i % SERIES_COLOURS.length]}55`,
          paths: barPaths,
          points: { show: false },
        })),
      ],
    }),
    [periods, currencies, locale],
  );
  const data = useMemo<uPlot.AlignedData>(() => {
    const at = new Map(rows.map((r) => [`${r.period}/${r.currency}`, r.amount]));
    return [
      periods.map((_, i) => i),
      // Plotting coordinates only: the table shows the exact amounts.
      ...currencies.map((c) => periods.map((p) => toNumber(at.get(`${p}/${c}`)))),
    ];
  }, [rows, periods, currencies]);

  const title = t(`mfr.period.${search.granularity}`);
  const columns: Column<ReportRow>[] = [
    {
      header: t('mfr.col.period'),
      value: (r) => r.period,
      rowHeader: true,
      render: (r) => (
        <Link
          to="/manufacturer/lines"
          search={linesOfPeriod(r.period, { storeId: search.storeId, gtin: search.gtin })}
        >
          {formatPeriod(r.period, locale)}
        </Link>
      ),
    },
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
  return (
    <section aria-labelledby="period-title" className="mfr-panel">
      <h2 id="period-title">{title}</h2>
      {rows.length > 0 && <UPlotChart label={title} options={options} data={data} />}
      <DataTable
        caption={title}
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.period}/${r.currency}`}
        filename={`sales-by-${search.granularity}-${search.from}-${search.to}.csv`}
        testId="period-table"
      />
    </section>
  );
}

function toNumber(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}
