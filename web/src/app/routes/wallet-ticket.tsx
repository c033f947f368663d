import { Link, getRouteApi } from '@tanstack/react-router';
import { Loading, LoadError } from '../../components/states';
import { CustomerOnly, isNotFound } from '../../features/points/components/customer-only';
import { useTicket } from '../../features/tickets/api/get-ticket';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime, formatMoney } from '../../lib/money';
import { NotFoundPage } from './not-found';

/** One of the customer's tickets as a receipt: its lines, payments, points and proof. */
export function WalletTicketPage({ storeId, ticketId }: { storeId: string; ticketId: string }) {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('receipt.title')}>
      {() => <Receipt storeId={storeId} ticketId={ticketId} />}
    </CustomerOnly>
  );
}

function Receipt({ storeId, ticketId }: { storeId: string; ticketId: string }) {
  const { t, locale } = useI18n();
  const answer = useTicket(storeId, ticketId);
  if (answer.isError && isNotFound(answer.error)) return <NotFoundPage />;
  return (
    <section aria-labelledby="receipt-title" className="receipt-page">
      <p>
        <Link to="/wallet">{t('wallet.back')}</Link>
      </p>
      <h1 id="receipt-title">{t('receipt.title')}</h1>
      {answer.isPending ? (
        <Loading />
      ) : answer.isError ? (
        <LoadError error={answer.error} retry={() => void answer.refetch()} />
      ) : (
        <ReceiptBody data={answer.data} locale={locale} />
      )}
    </section>
  );
}

function ReceiptBody({
  data,
  locale,
}: {
  data: NonNullable<ReturnType<typeof useTicket>['data']>;
  locale: string;
}) {
  const { t } = useI18n();
  const { ticket } = data;
  const money = (amount: string) => formatMoney(amount, ticket.currency, locale);
  return (
    <article className="receipt" aria-label={t('receipt.ticket', { id: ticket.ticketId })}>
      <dl className="receipt-head">
        <div>
          <dt>{t('wallet.ticket.store')}</dt>
          <dd>{ticket.storeId}</dd>
        </div>
        <div>
          <dt>{t('wallet.ticket.id')}</dt>
          <dd>{ticket.ticketId}</dd>
        </div>
        <div>
          <dt>{t('wallet.ticket.date')}</dt>
          <dd>{formatDateTime(ticket.issuedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('receipt.type')}</dt>
          <dd>{t(ticket.type === 'return' ? 'receipt.type.return' : 'receipt.type.sale')}</dd>
        </div>
        {ticket.originalTicketId !== undefined && (
          <div>
            <dt>{t('receipt.original')}</dt>
            <dd>
              <Link
                to="/wallet/tickets/$storeId/$ticketId"
                params={{
                  storeId: ticket.originalStoreId ?? ticket.storeId,
                  ticketId: ticket.originalTicketId,
                }}
              >
                {ticket.originalTicketId}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      <div className="table-scroll">
        <table>
          <caption>{t('receipt.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receipt.item')}</th>
              <th scope="col" className="number">
                {t('receipt.quantity')}
              </th>
              <th scope="col" className="number">
                {t('receipt.unitPrice')}
              </th>
              <th scope="col" className="number">
                {t('receipt.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ticket.lines.map((line) => (
              <tr key={line.lineNo}>
                <td>
                  {line.description}
                  {!/^0(\.0*)?$/.test(line.discount) && (
                    <span className="muted">
                      {' '}
                      ({t('receipt.discount', { amount: money(line.discount) })})
                    </span>
                  )}
                </td>
                <td className="number">
                  {new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(
                    line.quantity as Intl.StringNumericLiteral,
                  )}
                  {line.unit !== undefined && line.unit !== 'each' ? ` ${line.unit}` : ''}
                </td>
                <td className="number">{money(line.unitPrice)}</td>
                <td className="number">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('wallet.ticket.total')}
              </th>
              <td className="number" data-testid="receipt-total">
                {money(ticket.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <h2>{t('receipt.payments')}</h2>
      <ul className="payments">
        {ticket.payments.map((p, i) => (
          <li key={i}>
            {t(`receipt.method.${p.method}`)}: {money(p.amount)}
          </li>
        ))}
        {ticket.change !== undefined && (
          <li>
            {t('receipt.change')}: {money(ticket.change)}
          </li>
        )}
      </ul>
      <p>{t('receipt.points', { count: formatCount(data.pointsAwarded, locale) })}</p>
      <details className="proof">
        <summary>{t('proof.title')}</summary>
        <p>{t('proof.where', { tx: data.txId, block: data.blockNumber })}</p>
        <p>{t('proof.hint')}</p>
        <pre tabIndex={0}>{JSON.stringify(data.proof ?? null, null, 2)}</pre>
      </details>
    </article>
  );
}

const ticketRoute = getRouteApi('/session/wallet/tickets/$storeId/$ticketId');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function WalletTicketRoute() {
  const { storeId, ticketId } = ticketRoute.useParams();
  return <WalletTicketPage storeId={storeId} ticketId={ticketId} />;
}
