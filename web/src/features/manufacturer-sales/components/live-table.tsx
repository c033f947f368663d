import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime, formatMoney } from '../../../lib/money';
import { formatDecimal } from '../../store-tickets/format';
import type { LiveLine, LiveSales } from '../api/live-sales';
import { DataTable, type Column } from './data-table';

/** How often, at most, the table behind the live chart renders again. */
const TABLE_MS = 250;

/**
 * The newest lines and the running totals since the page opened: the table
 * behind the live chart. It renders at most four times a second, however
 * fast sales arrive, and says nothing of tickets: no id, no customer.
 */
export function LiveTable({ live }: { live: LiveSales }) {
  const { t, locale } = useI18n();
  const [snapshot, setSnapshot] = useState(() => ({
    recent: live.recent,
    totals: live.totals,
    state: live.state,
  }));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setSnapshot({ recent: live.recent, totals: live.totals, state: live.state });
      }, TABLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [live]);

  const columns: Column<LiveLine>[] = [
    {
      header: t('mfr.col.time'),
      value: (l) => l.issuedAt,
      render: (l) => <time dateTime={l.issuedAt}>{formatDateTime(l.issuedAt, locale)}</time>,
    },
    { header: t('mfr.col.store'), value: (l) => l.storeId },
    { header: t('mfr.col.type'), value: (l) => l.type, render: (l) => t(`mfr.type.${l.type}`) },
    { header: t('mfr.col.gtin'), value: (l) => l.gtin },
    { header: t('mfr.col.description'), value: (l) => l.description },
    {
      header: t('mfr.col.quantity'),
      value: (l) => l.quantity,
      render: (l) => formatDecimal(l.quantity, locale),
      numeric: true,
    },
    {
      header: t('mfr.col.amount'),
      value: (l) => l.amount,
      render: (l) => formatMoney(l.amount, l.currency, locale),
      numeric: true,
    },
  ];
  const totals = [...snapshot.totals].map(([currency, amount]) =>
    formatMoney(amount, currency, locale),
  );
  return (
    <>
      <p className="state" data-testid="live-status">
        {t(`mfr.live.${snapshot.state}`)}{' '}
        {totals.length > 0 && t('mfr.live.total', { amount: totals.join(', ') })}
      </p>
      <div aria-live="polite">
        {snapshot.recent.length === 0 ? (
          <p className="state">{t('mfr.live.empty')}</p>
        ) : (
          <DataTable
            caption={t('mfr.live.caption')}
            columns={columns}
            rows={snapshot.recent}
            rowKey={(l) => l.key}
            filename="live-sales.csv"
            testId="live-table"
          />
        )}
      </div>
    </>
  );
}
