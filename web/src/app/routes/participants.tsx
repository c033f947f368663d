import { useQuery } from '@tanstack/react-query';
import {
  CustomerList,
  ManufacturerList,
  StoreList,
} from '../../features/participants/components/participant-lists';
import {
  RegisterCustomer,
  RegisterManufacturer,
  RegisterStore,
} from '../../features/participants/components/register-forms';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';
import { NotFoundPage } from './not-found';
import '../../features/store-tickets/views.css';

/** The operator's registry: stores by retailer, manufacturers and their prefixes, customers. */
export function ParticipantsPage() {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  if (!person) return null;
  if (person.role !== 'operator') return <NotFoundPage />;
  return (
    <section aria-labelledby="participants-title" className="participants">
      <h1 id="participants-title">{t('participants.title')}</h1>
      <section aria-labelledby="stores-title">
        <h2 id="stores-title">{t('participants.stores')}</h2>
        <details>
          <summary>{t('participants.register.stores')}</summary>
          <RegisterStore />
        </details>
        <StoreList />
      </section>
      <section aria-labelledby="manufacturers-title">
        <h2 id="manufacturers-title">{t('participants.manufacturers')}</h2>
        <details>
          <summary>{t('participants.register.manufacturers')}</summary>
          <RegisterManufacturer />
        </details>
        <ManufacturerList />
      </section>
      <section aria-labelledby="customers-title">
        <h2 id="customers-title">{t('participants.customers')}</h2>
        <details>
          <summary>{t('participants.register.customers')}</summary>
          <RegisterCustomer />
        </details>
        <CustomerList />
      </section>
    </section>
  );
}
