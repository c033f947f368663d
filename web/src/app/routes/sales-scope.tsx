import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { localDate } from '../../features/sales/api/get-sales';
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
 * Only the login's own store or retailer: anything else is not found (the
 * API would answer 404 too).
 */
export function SalesScopePage({ scope }: { scope: Scope }) {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  const [today] = useState(() => localDate(new Date()));
  if (!person) return null;
  if (person.role !== scope.kind || person.subjectId !== scope.id) return <NotFoundPage />;
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
