import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { Loading, LoadError } from '../../components/states';
import { useTicket } from '../../features/store-tickets/api/get-tickets';
import { formatDecimal } from '../../features/store-tickets/format';
import { isNotFound } from '../../features/store-tickets/not-found';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime, formatMoney } from '../../lib/money';
import { NotFoundPage } from './not-found';
import '../../features/store-tickets/views.css';

/** One ticket as the ledger holds it, its lines and payments, and its inclusion proof. */
export function StoreTicketPage({ storeId, ticketId }: { storeId: string; ticketId: string }) {
  const { t, locale } = useI18n();
  const detail = useTicket(storeId, ticketId);
  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (isNotFound(detail.error)) return <NotFoundPage />;
    return <LoadError error={detail.error} retry={() => void detail.refetch()} />;
  }
  const { ticket } = detail.data;
  const money = (amount: string) => formatMoney(amount, ticket.currency, locale);
  return (
    <section aria-labelledby="ticket-title" className="ticket-detail">
      <h1 id="ticket-title">{t('ticket.title', { id: ticket.ticketId })}</h1>
      <dl className="facts">
        <div>
          <dt>{t('store.col.store')}</dt>
          <dd>{ticket.storeId}</dd>
        </div>
        <div>
          <dt>{t('ticket.terminal')}</dt>
          <dd>{ticket.terminalId}</dd>
        </div>
        <div>
          <dt>{t('store.col.issuedAt')}</dt>
          <dd>{formatDateTime(ticket.issuedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('store.col.type')}</dt>
          <dd>{t(`store.type.${ticket.type}`)}</dd>
        </div>
        <div>
          <dt>{t('ticket.customer')}</dt>
          <dd>{ticket.customerId ?? t('ticket.noCustomer')}</dd>
        </div>
        <div>
          <dt>{t('store.col.total')}</dt>
          <dd data-testid="ticket-total">{money(ticket.total)}</dd>
        </div>
        <div>
          <dt>{t('ticket.points')}</dt>
          <dd>{formatCount(detail.data.pointsAwarded, locale)}</dd>
        </div>
        {ticket.originalTicketId !== undefined && (
          <div>
            <dt>{t('ticket.original')}</dt>
            <dd>
              <Link
                to="/stores/$storeId/tickets/$ticketId"
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
      <h2>{t('ticket.lines')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('ticket.line.no')}</th>
            <th scope="col">{t('ticket.line.product')}</th>
            <th scope="col">{t('ticket.line.gtin')}</th>
            <th scope="col" className="number">
              {t('ticket.line.quantity')}
            </th>
            <th scope="col" className="number">
              {t('ticket.line.unitPrice')}
            </th>
            <th scope="col" className="number">
              {t('ticket.line.discount')}
            </th>
            <th scope="col" className="number">
              {t('ticket.line.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ticket.lines.map((line) => (
            <tr key={line.lineNo}>
              <td>{line.lineNo}</td>
              <td>{line.description}</td>
              <td>{line.gtin}</td>
              <td className="number">
                {formatDecimal(line.quantity, locale)}
                {line.unit !== undefined && line.unit !== 'each' ? ` ${line.unit}` : ''}
              </td>
              <td className="number">{money(line.unitPrice)}</td>
              <td className="number">{money(line.discount)}</td>
              <td className="number">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('ticket.payments')}</h2>
      <ul>
        {ticket.payments.map((p, i) => (
          <li key={i}>
            {t(`ticket.payment.${p.method}`)}: {money(p.amount)}
          </li>
        ))}
      </ul>
      <h2>{t('ticket.ledger')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('ticket.tx')}</dt>
          <dd className="mono">{detail.data.txId}</dd>
        </div>
        <div>
          <dt>{t('ticket.block')}</dt>
          <dd>{detail.data.blockNumber}</dd>
        </div>
        <div>
          <dt>{t('ticket.recordedAt')}</dt>
          <dd>{formatDateTime(detail.data.recordedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('ticket.hash')}</dt>
          <dd className="mono">{detail.data.contentHash}</dd>
        </div>
      </dl>
      <Proof proof={detail.data.proof} name={`${ticket.storeId}-${ticket.ticketId}-proof.json`} />
      <BackLink />
    </section>
  );
}

/** Back to the login's own sales page. */
function BackLink() {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  if (person === undefined || person.subjectId === null) return null;
  return (
    <p>
      {person.role === 'store' ? (
        <Link to="/stores/$storeId" params={{ storeId: person.subjectId }}>
          {t('ticket.back')}
        </Link>
      ) : person.role === 'retailer' ? (
        <Link to="/retailers/$retailerId" params={{ retailerId: person.subjectId }}>
          {t('ticket.back')}
        </Link>
      ) : null}
    </p>
  );
}

/** The proof, collapsible, with its kind and a download of it. */
function Proof({ proof, name }: { proof: unknown; name: string }) {
  const { t } = useI18n();
  const text = useMemo(() => (proof === undefined ? '' : JSON.stringify(proof, null, 2)), [proof]);
  if (proof === undefined || proof === null) {
    return (
      <section aria-labelledby="proof-title">
        <h2 id="proof-title">{t('ticket.proof.title')}</h2>
        <p className="state">{t('ticket.proof.none')}</p>
      </section>
    );
  }
  const { kind, format } = proof as { kind?: string; format?: string };
  return (
    <section aria-labelledby="proof-title">
      <h2 id="proof-title">{t('ticket.proof.title')}</h2>
      <p>{t('ticket.proof.kind', { kind: kind ?? '?', format: format ?? '?' })}</p>
      <p>
        <a href={`data:application/json;charset=utf-8,${encodeURIComponent(text)}`} download={name}>
          {t('ticket.proof.download')}
        </a>
      </p>
      <details>
        <summary>{t('ticket.proof.show')}</summary>
        <pre className="proof" tabIndex={0} data-testid="proof">
          {text}
        </pre>
      </details>
    </section>
  );
}

const ticketRoute = getRouteApi('/session/stores/$storeId/tickets/$ticketId');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function StoreTicketRoute() {
  const { storeId, ticketId } = ticketRoute.useParams();
  return <StoreTicketPage storeId={storeId} ticketId={ticketId} />;
}
