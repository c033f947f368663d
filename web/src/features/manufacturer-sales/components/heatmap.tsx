import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import type { ReportRow } from '../api/get-manufacturer-sales';
import { currenciesOf, sumBy } from '../figures';
import type { DashboardSearch } from '../search';
import { DataTable, type Column } from './data-table';
import { windowLines } from './top-products';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Colour steps of a cell (classes heat-0 … heat-5 in manufacturer.css). */
const STEPS = 5;

interface StoreRow {
  storeId: string;
  amounts: Map<number, string>;
}

/**
 * Net sales per store and local hour of day, summed over the window's days:
 * a coloured table (the table is the chart), each cell drilling down to its
 * lines. One table per currency, since amounts of two currencies do not add.
 */
export function Heatmap({ rows, search }: { rows: ReportRow[]; search: DashboardSearch }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="heatmap-title" className="mfr-panel">
      <h2 id="heatmap-title">{t('mfr.heatmap.title')}</h2>
      {rows.length === 0 ? (
        <p className="state">{t('mfr.empty')}</p>
      ) : (
        currenciesOf(rows).map((currency) => (
          <CurrencyHeatmap
            key={currency}
            currency={currency}
            rows={rows.filter((r) => r.currency === currency)}
            search={search}
          />
        ))
      )}
    </section>
  );
}

function CurrencyHeatmap({
  currency,
  rows,
  search,
}: {
  currency: string;
  rows: ReportRow[];
  search: DashboardSearch;
}) {
  const { t, locale } = useI18n();
  const stores = useMemo(() => {
    const sums = sumBy(rows, (r) => `${r.storeId ?? ''}\u0000${r.period.slice(11, 13)}`);
    const byStore = new Map<string, StoreRow>();
    for (const { key, amount } of sums.values()) {
      const [storeId = '', hour = '0'] = key.split('\u0000');
      const row = byStore.get(storeId) ?? { storeId, amounts: new Map() };
      row.amounts.set(Number(hour), amount);
      byStore.set(storeId, row);
    }
    return [...byStore.values()].sort((a, b) => a.storeId.localeCompare(b.storeId));
  }, [rows]);
  // The colour scale only (never shown as money): the largest cell is the darkest.
  const max = Math.max(...stores.flatMap((s) => [...s.amounts.values()].map(Number)), 0);
  const step = (amount: string | undefined) =>
    amount === undefined || max <= 0 ? 0 : Math.max(1, Math.ceil((Number(amount) / max) * STEPS));
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  // The currency's own decimals (2.50, not 2.5), without its symbol: the caption names it.
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
    .minimumFractionDigits;
  const amountFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: digits });
  const formatAmount = (amount: string) => amountFormat.format(amount as Intl.StringNumericLiteral);
  const columns: Column<StoreRow>[] = [
    {
      header: t('mfr.col.store'),
      value: (s) => s.storeId,
      rowHeader: true,
      render: (s) => (
        <Link to="/manufacturer/lines" search={windowLines(search, { storeId: s.storeId })}>
          {s.storeId}
        </Link>
      ),
    },
    ...HOURS.map((h): Column<StoreRow> => ({
      header: String(h).padStart(2, '0'),
      value: (s) => s.amounts.get(h) ?? '',
      numeric: true,
      cellClass: (s) => `heat heat-${step(s.amounts.get(h))}`,
      render: (s) => {
        const amount = s.amounts.get(h);
        if (amount === undefined) return null;
        return (
          <Link
            to="/manufacturer/lines"
            search={{ ...windowLines(search, { storeId: s.storeId }), hour: h }}
            aria-label={t('mfr.heatmap.cell', {
              store: s.storeId,
              hour: hour(h),
              amount: formatAmount(amount),
            })}
          >
            {formatAmount(amount)}
          </Link>
        );
      },
    })),
  ];
  const caption = t('mfr.heatmap.caption', { currency });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={stores}
      rowKey={(s) => s.storeId}
      filename={`store-hour-${currency}-${search.from}-${search.to}.csv`}
      testId={`heatmap-${currency}`}
    />
  );
}
