import { useQuery } from '@tanstack/react-query';
import { Loading, LoadError } from '../../components/states';
import { usePoints } from '../../features/points/api/get-points';
import { usePointsStream } from '../../features/points/api/points-stream';
import { useCustomerTickets } from '../../features/tickets/api/get-customer-tickets';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime, formatMoney } from '../../lib/money';

/** A customer's points: the balance, what made it, and the tickets that earned it. */
export function WalletPage() {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  if (!person) return null;
  if (person.role !== 'customer' || person.subjectId === null)
    return (
      <section aria-labelledby="wallet-title">
        <h1 id="wallet-title">{t('wallet.title')}</h1>
        <p>{t('wallet.notCustomer', { role: t(`role.${person.role}`) })}</p>
      </section>
    );
  return <Wallet customerId={person.subjectId} />;
}

function Wallet({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const points = usePoints(customerId);
  usePointsStream(customerId);
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
      <Tickets customerId={customerId} />
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
                <td>{ticket.ticketId}</td>
                <td className="number">{formatMoney(ticket.total, ticket.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
