import { Link } from '@tanstack/react-router';
import { useI18n } from '../../../lib/i18n/i18n';
import type { Movement } from '../api/get-points';

/** What a movement was, in words, linking to the ticket it came from when there is one. */
export function MovementText({ movement: m }: { movement: Movement }) {
  const { t } = useI18n();
  const ticket =
    m.storeId !== null && m.ticketId !== null ? (
      <Link
        to="/wallet/tickets/$storeId/$ticketId"
        params={{ storeId: m.storeId, ticketId: m.ticketId }}
      >
        {m.ticketId}
      </Link>
    ) : null;
  switch (m.kind) {
    case 'award':
      return (
        <>
          {t('movement.award')} {ticket}
        </>
      );
    case 'transfer-in':
      return <>{t('movement.transferIn', { who: m.counterpartyId ?? '?' })}</>;
    case 'transfer-out':
      return <>{t('movement.transferOut', { who: m.counterpartyId ?? '?' })}</>;
    case 'redemption':
      return (
        <>
          {t('movement.redemption', { store: m.storeId ?? '?' })} {ticket}
        </>
      );
    case 'reversal':
      return (
        <>
          {t('movement.reversal', { ticket: m.originalTicketId ?? '?' })} {ticket}
        </>
      );
    default:
      return <>{m.kind}</>;
  }
}

/** A signed count: +12, −5. */
export function signed(delta: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  }).format(delta);
}
