import { Link } from '@tanstack/react-router';
import { Loading, LoadError } from '../../components/states';
import { useMovementPages, usePoints } from '../../features/points/api/get-points';
import { usePointsStream } from '../../features/points/api/points-stream';
import { CustomerOnly } from '../../features/points/components/customer-only';
import { MovementText, signed } from '../../features/points/components/movement-text';
import { useCustomerTickets } from '../../features/tickets/api/get-customer-tickets';
import { useDrawnMark } from '../../lib/drawn-mark';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime, formatMoney } from '../../lib/money';

/** A customer's points: the balance, what made it, and the tickets that earned it. */
export function WalletPage() {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('wallet.title')}>
      {(customerId) => <Wallet customerId={customerId} />}
    </CustomerOnly>
  );
}

function Wallet({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const points = usePoints(customerId);
  usePointsStream(customerId);
  useDrawnMark('eter:wallet-balance-drawn', points.isSuccess);
  return (
    <section aria-labelledby="wallet-title">
      <h1 id="wallet-title">{t('wallet.title')}</h1>
      {points.isPending ? (
        <Loading />
      ) : points.isError ? (
        <LoadError error={points.error} retry={() => void points.refetch()} />
      ) : (
        <>
          <p className="balance">
            <span className="balance-label">{t('wallet.balance')}</span>{' '}
            <strong data-testid="balance">
              {t('wallet.points', { count: formatCount(points.data.balance, locale) })}
            </strong>
          </p>
          <dl className="points-summary">
            {(['earned', 'received', 'given', 'redeemed', 'reversed'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`wallet.${k}`)}</dt>
                <dd>{formatCount(points.data[k], locale)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <nav className="wallet-actions" aria-label={t('wallet.actions')}>
        <Link to="/wallet/transfer">{t('wallet.action.transfer')}</Link>
        <Link to="/wallet/grants">{t('wallet.action.grants')}</Link>
        <Link to="/wallet/explain">{t('wallet.action.explain')}</Link>
      </nav>
      <Movements customerId={customerId} />
      <Tickets customerId={customerId} />
    </section>
  );
}

function Movements({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const pages = useMovementPages(customerId);
  const movements = pages.data?.pages.flatMap((p) => p.movements) ?? [];
  return (
    <section aria-labelledby="movements-title">
      <h2 id="movements-title">{t('wallet.movements')}</h2>
      {pages.isPending ? (
        <Loading />
      ) : pages.isError ? (
        <LoadError error={pages.error} retry={() => void pages.refetch()} />
      ) : movements.length === 0 ? (
        <p className="state">{t('wallet.noMovements')}</p>
      ) : (
        <>
          <ul className="movements">
            {movements.map((m) => (
              <li key={m.seq}>
                <span className="movement-date">{formatDateTime(m.at, locale)}</span>
                <span className="movement-what">
                  <MovementText movement={m} />
                </span>
                <strong className={m.delta < 0 ? 'delta negative' : 'delta'}>
                  {signed(m.delta, locale)}
                </strong>
                <Link
                  to="/wallet/proof/$txId"
                  params={{ txId: m.txId }}
                  aria-label={t('wallet.proofOf', { date: formatDateTime(m.at, locale) })}
                >
                  {t('wallet.proof')}
                </Link>
              </li>
            ))}
          </ul>
          {pages.hasNextPage && (
            <button
              type="button"
              disabled={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              {pages.isFetchingNextPage ? t('state.loading') : t('wallet.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Tickets({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const tickets = useCustomerTickets(customerId);
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{t('wallet.tickets')}</h2>
      {tickets.isPending ? (
        <Loading />
      ) : tickets.isError ? (
        <LoadError error={tickets.error} retry={() => void tickets.refetch()} />
      ) : tickets.data.tickets.length === 0 ? (
        <p className="state">{t('wallet.noTickets')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('wallet.ticket.date')}</th>
                <th scope="col">{t('wallet.ticket.store')}</th>
                <th scope="col">{t('wallet.ticket.id')}</th>
                <th scope="col" className="number">
                  {t('wallet.ticket.total')}
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
                      to="/wallet/tickets/$storeId/$ticketId"
                      params={{ storeId: ticket.storeId, ticketId: ticket.ticketId }}
                    >
                      {ticket.ticketId}
                    </Link>
                  </td>
                  <td className="number">{formatMoney(ticket.total, ticket.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
