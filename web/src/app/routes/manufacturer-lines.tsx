import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { LinesTable } from '../../features/manufacturer-sales/components/lines-table';
import { compact, type DashboardSearch } from '../../features/manufacturer-sales/search';
import { formatLocalDate } from '../../features/store-tickets/format';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { NotFoundPage } from './not-found';
import '../../features/store-tickets/views.css';
import '../../features/manufacturer-sales/manufacturer.css';
// The key panel and the verdict colours of the Proof column are the explorer's.
import '../../features/audit/components/audit.css';

const route = getRouteApi('/session/manufacturer/lines');

/** `/manufacturer/lines`: the sale lines behind a figure of the dashboard (a drill-down). */
export function ManufacturerLinesRoute() {
  const { t, locale } = useI18n();
  const search = route.useSearch();
  const person = useQuery(sessionQuery).data?.person;
  if (!person) return null;
  if (person.role !== 'manufacturer' || !person.subjectId) return <NotFoundPage />;
  const hour = search.hour === undefined ? undefined : `${String(search.hour).padStart(2, '0')}:00`;
  // Back to the figures this drill-down came from: the same window, store and product.
  const granularity: DashboardSearch['granularity'] = search.hour === undefined ? 'day' : 'hour';
  const back = compact({ ...search, hour: undefined, granularity });
  return (
    <section aria-labelledby="lines-title" className="mfr-dashboard">
      <h1 id="lines-title">{t('mfr.lines.title')}</h1>
      <dl className="mfr-scope">
        <dt>{t('mfr.lines.window')}</dt>
        <dd>
          {search.from === search.to
            ? formatLocalDate(search.from, locale)
            : `${formatLocalDate(search.from, locale)} – ${formatLocalDate(search.to, locale)}`}
        </dd>
        <dt>{t('mfr.lines.hour')}</dt>
        <dd>{hour ?? t('mfr.lines.any')}</dd>
        <dt>{t('mfr.col.store')}</dt>
        <dd>{search.storeId ?? t('mfr.lines.any')}</dd>
        <dt>{t('mfr.col.gtin')}</dt>
        <dd>{search.gtin ?? t('mfr.lines.any')}</dd>
      </dl>
      <p>
        <Link to="/manufacturer" search={back}>
          {t('mfr.lines.back')}
        </Link>
      </p>
      <LinesTable key={JSON.stringify(search)} manufacturerId={person.subjectId} search={search} />
    </section>
  );
}
