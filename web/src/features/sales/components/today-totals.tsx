import { Loading, LoadError } from '../../../components/states';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatCount, formatMoney } from '../../../lib/money';
import type { Scope } from '../../store-tickets/api/get-tickets';
import { useSales } from '../api/get-sales';

/** Today's totals (the reader's local date), a row per store and currency. */
export function TodayTotals({ scope, today }: { scope: Scope; today: string }) {
  const { t, locale } = useI18n();
  const sales = useSales(scope, today, today);
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">{t('store.totals.title')}</h2>
      {sales.isPending ? (
        <Loading />
      ) : sales.isError ? (
        <LoadError error={sales.error} retry={() => void sales.refetch()} />
      ) : sales.data.rows.length === 0 ? (
        <p className="state">{t('store.totals.empty')}</p>
      ) : (
        <table data-testid="totals">
          <thead>
            <tr>
              <th scope="col">{t('store.col.store')}</th>
              <th scope="col" className="number">
                {t('store.totals.sales')}
              </th>
              <th scope="col" className="number">
                {t('store.totals.returns')}
              </th>
              <th scope="col" className="number">
                {t('store.totals.salesAmount')}
              </th>
              <th scope="col" className="number">
                {t('store.totals.returnsAmount')}
              </th>
              <th scope="col" className="number">
                {t('store.totals.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sales.data.rows.map((row) => (
              <tr key={`${row.storeId}/${row.currency}`}>
                <th scope="row">{row.storeId}</th>
                <td className="number">{formatCount(row.sales, locale)}</td>
                <td className="number">{formatCount(row.returns, locale)}</td>
                <td className="number">{formatMoney(row.salesAmount, row.currency, locale)}</td>
                <td className="number">{formatMoney(row.returnsAmount, row.currency, locale)}</td>
                <td className="number">{formatMoney(row.netAmount, row.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
