import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { sessionQuery } from '../../../lib/auth';
import { useI18n } from '../../../lib/i18n/i18n';

/** A customer's page: its content for the customer logged in, a short note for anyone else. */
export function CustomerOnly({
  title,
  children,
}: {
  title: string;
  children: (customerId: string) => ReactNode;
}) {
  const { t } = useI18n();
  const person = useQuery(sessionQuery).data?.person;
  if (!person) return null;
  if (person.role !== 'customer' || person.subjectId === null)
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{title}</h1>
        <p>{t('wallet.notCustomer', { role: t(`role.${person.role}`) })}</p>
      </section>
    );
  return children(person.subjectId);
}

/** The API said there is no such thing (or none of the caller's): the not-found page. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}
