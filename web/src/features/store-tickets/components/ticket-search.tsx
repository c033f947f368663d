import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import type { Scope } from '../api/get-tickets';

/** Opens a ticket by its id (a retailer names the store too); one that is not there is not found. */
export function TicketSearch({ scope }: { scope: Scope }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [storeId, setStoreId] = useState(scope.kind === 'store' ? scope.id : '');
  const [ticketId, setTicketId] = useState('');
  const ids = { store: useId(), ticket: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const store = storeId.trim();
    const ticket = ticketId.trim();
    if (store === '' || ticket === '') return;
    void navigate({
      to: '/stores/$storeId/tickets/$ticketId',
      params: { storeId: store, ticketId: ticket },
    });
  };
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('store.search.title')}</h2>
      <form className="inline-form" onSubmit={submit} role="search" aria-labelledby="search-title">
        {scope.kind === 'retailer' && (
          <span>
            <label htmlFor={ids.store}>{t('store.search.store')}</label>
            <input
              id={ids.store}
              name="storeId"
              required
              value={storeId}
              onChange={(e) => setStoreId(e.target.value)}
            />
          </span>
        )}
        <span>
          <label htmlFor={ids.ticket}>{t('store.search.ticket')}</label>
          <input
            id={ids.ticket}
            name="ticketId"
            required
            value={ticketId}
            onChange={(e) => setTicketId(e.target.value)}
          />
        </span>
        <button type="submit">{t('store.search.submit')}</button>
      </form>
    </section>
  );
}
