import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useManufacturerSales } from '../../features/manufacturer-sales/api/get-manufacturer-sales';
import { useLiveSales } from '../../features/manufacturer-sales/api/live-sales';
import { Breakdown } from '../../features/manufacturer-sales/components/breakdown';
import { daysOf, Filters } from '../../features/manufacturer-sales/components/filters';
import { Heatmap } from '../../features/manufacturer-sales/components/heatmap';
import { LiveChart } from '../../features/manufacturer-sales/components/live-chart';
import { LiveTable } from '../../features/manufacturer-sales/components/live-table';
import { PeriodSales } from '../../features/manufacturer-sales/components/period-sales';
import { QueryView } from '../../features/manufacturer-sales/components/query-view';
import {
  TopProducts,
  windowLines,
} from '../../features/manufacturer-sales/components/top-products';
import type { DashboardSearch } from '../../features/manufacturer-sales/search';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { NotFoundPage } from './not-found';
import '../../features/store-tickets/views.css';
import '../../features/manufacturer-sales/manufacturer.css';

const route = getRouteApi('/session/manufacturer');

/**
 * `/manufacturer`: a manufacturer's live sales dashboard. Loaded on its own
 * (router.tsx imports it lazily), so uPlot is never in the login or wallet
 * bundle. Only a manufacturer login has one; anyone else sees not-found.
 */
export function ManufacturerRoute() {
  const search = route.useSearch();
  const person = useQuery(sessionQuery).data?.person;
  if (!person) return null;
  if (person.role !== 'manufacturer' || !person.subjectId) return <NotFoundPage />;
  return <Dashboard manufacturerId={person.subjectId} search={search} />;
}

function Dashboard({
  manufacturerId,
  search,
}: {
  manufacturerId: string;
  search: DashboardSearch;
}) {
  const { t } = useI18n();
  const live = useLiveSales(manufacturerId);
  const { from, to, granularity, storeId, gtin, groupBy } = search;
  const filters = { from, to, storeId, gtin };
  const byPeriod = useManufacturerSales(manufacturerId, { ...filters, granularity });
  const breakdown = useManufacturerSales(
    manufacturerId,
    { ...filters, granularity, groupBy },
    groupBy !== undefined,
  );
  const byProduct = useManufacturerSales(manufacturerId, { ...filters, groupBy: 'gtin' });
  // The heatmap needs hours, which the API gives for 31 days at most.
  const hourly = daysOf(from, to) <= 31;
  const byStoreHour = useManufacturerSales(
    manufacturerId,
    { ...filters, granularity: 'hour', groupBy: 'store' },
    hourly,
  );
  return (
    <section aria-labelledby="mfr-title" className="mfr-dashboard">
      <h1 id="mfr-title">{t('mfr.title', { id: manufacturerId })}</h1>
      <Filters key={JSON.stringify(search)} search={search} />
      <p>
        <Link to="/manufacturer/lines" search={windowLines(search, {})}>
          {t('mfr.allLines')}
        </Link>
      </p>
      <section aria-labelledby="live-title" className="mfr-panel">
        <h2 id="live-title">{t('mfr.live.title')}</h2>
        <LiveChart live={live} label={t('mfr.live.chart')} />
        <LiveTable live={live} />
      </section>
      <QueryView query={byPeriod}>
        {(rows) => <PeriodSales rows={rows} search={search} />}
      </QueryView>
      {groupBy !== undefined && (
        <QueryView query={breakdown}>
          {(rows) => <Breakdown rows={rows} search={search} />}
        </QueryView>
      )}
      <QueryView query={byProduct}>
        {(rows) => <TopProducts rows={rows} search={search} />}
      </QueryView>
      {hourly ? (
        <QueryView query={byStoreHour}>
          {(rows) => <Heatmap rows={rows} search={search} />}
        </QueryView>
      ) : (
        <p className="state">{t('mfr.heatmap.tooLong')}</p>
      )}
    </section>
  );
}
