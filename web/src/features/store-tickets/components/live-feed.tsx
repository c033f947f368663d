import { Link } from '@tanstack/react-router';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime, formatMoney } from '../../../lib/money';
import type { Scope } from '../api/get-tickets';
import { useSalesStream } from '../api/sales-stream';

/** New tickets as they are recorded, newest first, without a reload. */
export function LiveFeed({ scope }: { scope: Scope }) {
  const { t, locale } = useI18n();
  const { feed, state } = useSalesStream(scope);
  return (
    <section aria-labelledby="live-title">
      <h2 id="live-title">{t('store.live.title')}</h2>
      <p className="state" data-testid="live-state">
        {t(`store.live.${state}`)}
      </p>
      <div aria-live="polite">
        {feed.length === 0 ? (
          <p className="state">{t('store.live.empty')}</p>
        ) : (
          <ul className="live-feed" data-testid="live-feed">
            {feed.map((ticket) => (
              <li key={ticket.seq}>
                <time dateTime={ticket.issuedAt}>{formatDateTime(ticket.issuedAt, locale)}</time>{' '}
                <span>{ticket.storeId}</span>{' '}
                <Link
                  to="/stores/$storeId/tickets/$ticketId"
                  params={{ storeId: ticket.storeId, ticketId: ticket.ticketId }}
                >
                  {ticket.ticketId}
                </Link>{' '}
                <span>{t(`store.type.${ticket.type}`)}</span>{' '}
                <strong>{formatMoney(ticket.total, ticket.currency, locale)}</strong>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
