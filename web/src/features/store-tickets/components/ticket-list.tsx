import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { Loading, LoadError } from '../../../components/states';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime, formatMoney } from '../../../lib/money';
import { useScopeTickets, type Scope } from '../api/get-tickets';
import { formatLocalDate, isDate, startOfDay } from '../format';

const PAGE = 20;

/** The tickets issued between two local dates (inclusive), oldest first, a page at a time. */
export function TicketList({ scope, today }: { scope: Scope; today: string }) {
  const { t, locale } = useI18n();
  const [range, setRange] = useState({ from: today, to: today });
  const [draft, setDraft] = useState(range);
  // The cursors of the pages seen so far: the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const tickets = useScopeTickets(scope, {
    from: startOfDay(range.from),
    to: startOfDay(range.to, 1),
    limit: PAGE,
    ...(cursor === undefined ? {} : { cursor }),
  });
  const ids = { from: useId(), to: useId(), error: useId() };
  const badRange = !isDate(draft.from) || !isDate(draft.to) || draft.from > draft.to;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (badRange) return;
    setRange(draft);
    setCursors([undefined]);
  };

  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{t('store.tickets.title')}</h2>
      <form className="inline-form" onSubmit={submit} noValidate>
        <span>
          <label htmlFor={ids.from}>{t('store.tickets.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            aria-describedby={badRange ? ids.error : undefined}
          />
        </span>
        <span>
          <label htmlFor={ids.to}>{t('store.tickets.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            aria-describedby={badRange ? ids.error : undefined}
          />
        </span>
        <button type="submit" disabled={badRange}>
          {t('store.tickets.show')}
        </button>
      </form>
      {badRange && (
        <p id={ids.error} className="error">
          {t('store.tickets.badRange')}
        </p>
      )}
      {tickets.isPending ? (
        <Loading />
      ) : tickets.isError ? (
        <LoadError error={tickets.error} retry={() => void tickets.refetch()} />
      ) : tickets.data.tickets.length === 0 ? (
        <p className="state">{t('store.tickets.empty')}</p>
      ) : (
        <table data-testid="tickets">
          <caption>
            {t('store.tickets.caption', {
              from: formatLocalDate(range.from, locale),
              to: formatLocalDate(range.to, locale),
              page: page + 1,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('store.col.issuedAt')}</th>
              <th scope="col">{t('store.col.store')}</th>
              <th scope="col">{t('store.col.ticket')}</th>
              <th scope="col">{t('store.col.type')}</th>
              <th scope="col" className="number">
                {t('store.col.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {tickets.data.tickets.map((ticket) => (
              <tr key={`${ticket.storeId}/${ticket.ticketId}`}>
                <td>{formatDateTime(ticket.issuedAt, locale)}</td>
                <td>{ticket.storeId}</td>
                <td>
                  <Link
                    to="/stores/$storeId/tickets/$ticketId"
                    params={{ storeId: ticket.storeId, ticketId: ticket.ticketId }}
                  >
                    {ticket.ticketId}
                  </Link>
                </td>
                <td>{t(`store.type.${ticket.type}`)}</td>
                <td className="number">{formatMoney(ticket.total, ticket.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t('store.tickets.pages')}>
        <button
          type="button"
          disabled={page === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('store.tickets.previous')}
        </button>
        <button
          type="button"
          disabled={tickets.data?.nextCursor === undefined || tickets.isPlaceholderData}
          onClick={() => setCursors([...cursors, tickets.data?.nextCursor])}
        >
          {t('store.tickets.next')}
        </button>
      </nav>
    </section>
  );
}
