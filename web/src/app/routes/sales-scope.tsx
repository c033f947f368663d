import { getRouteApi } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { localDate, salesQuery } from '../../features/sales/api/get-sales';
import { ApiError } from '../../lib/api-client';
import { TodayTotals } from '../../features/sales/components/today-totals';
import type { Scope } from '../../features/store-tickets/api/get-tickets';
import { LiveFeed } from '../../features/store-tickets/components/live-feed';
import { TicketList } from '../../features/store-tickets/components/ticket-list';
import { TicketSearch } from '../../features/store-tickets/components/ticket-search';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { NotFoundPage } from './not-found';
import '../../features/store-tickets/views.css';

/**
 * A store's or a retailer's sales (`/stores/$storeId`, `/retailers/$retailerId`):
 * today's totals, the live feed, a ticket by id and the tickets of a range.
 * The login's own store or retailer, and a retailer's stores: anything else
 * is not found (the API answers 404 too).
 */
export function SalesScopePage({ scope }: { scope: Scope }) {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  const [today] = useState(() => localDate(new Date()));
  // A retailer reads its stores' pages too; whether a store is one of them,
  // the API says (404 for another retailer's, as for one that does not exist).
  const viaRetailer = scope.kind === 'store' && person?.role === 'retailer';
  const totals = useQuery({ ...salesQuery(scope, today, today), enabled: viaRetailer });
  if (!person) return null;
  const own = person.role === scope.kind && person.subjectId === scope.id;
  if (!own && !viaRetailer) return <NotFoundPage />;
  if (viaRetailer && totals.error instanceof ApiError && totals.error.status === 404)
    return <NotFoundPage />;
  return (
    <section aria-labelledby="scope-title" className="sales-scope">
      <h1 id="scope-title">{t(`store.title.${scope.kind}`, { id: scope.id })}</h1>
      <TodayTotals scope={scope} today={today} />
      <LiveFeed scope={scope} />
      <TicketSearch scope={scope} />
      <TicketList scope={scope} today={today} />
    </section>
  );
}

const storeRoute = getRouteApi('/session/stores/$storeId');
const retailerRoute = getRouteApi('/session/retailers/$retailerId');

/** A store's page as the router mounts it (lazily); a new store is a new page. */
export function StoreSalesRoute() {
  const { storeId } = storeRoute.useParams();
  return <SalesScopePage key={storeId} scope={{ kind: 'store', id: storeId }} />;
}

/** A retailer's page as the router mounts it (lazily). */
export function RetailerSalesRoute() {
  const { retailerId } = retailerRoute.useParams();
  return <SalesScopePage key={retailerId} scope={{ kind: 'retailer', id: retailerId }} />;
}
