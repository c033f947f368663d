import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { usePoints } from '../../features/points/api/get-points';
import { useTransfer, type TransferInput } from '../../features/points/api/transfer';
import { CustomerOnly } from '../../features/points/components/customer-only';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount } from '../../lib/money';

/** The fewest points a transfer moves (the API's rule). */
const MIN_TRANSFER = 10;

/** A transfer's id, made by the app so that a retry is the same transfer (200, replayed). */
export function newTransferId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context randomUUID is missing; getRandomValues is not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export function WalletTransferPage() {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('transfer.title')}>
      {(customerId) => <Transfer customerId={customerId} />}
    </CustomerOnly>
  );
}

function Transfer({ customerId }: { customerId: string }) {
  const { t, locale, describeError } = useI18n();
  const balance = usePoints(customerId).data?.balance;
  const transfer = useTransfer(customerId);
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [pending, setPending] = useState<TransferInput | null>(null);
  const ids = { to: useId(), points: useId(), invalid: useId() };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const points = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : Number.NaN;
    if (to.trim() === '') return setInvalid(t('transfer.needRecipient'));
    if (!Number.isSafeInteger(points) || points < MIN_TRANSFER)
      return setInvalid(t('transfer.needPoints', { min: MIN_TRANSFER }));
    setInvalid(null);
    transfer.reset();
    // The id is made as the confirmation opens: every retry from here is the same transfer.
    setPending({ toCustomerId: to.trim(), points, transferId: newTransferId() });
  };

  const startOver = () => {
    transfer.reset();
    setPending(null);
    setTo('');
    setAmount('');
  };

  return (
    <section aria-labelledby="transfer-title">
      <p>
        <Link to="/wallet">{t('wallet.back')}</Link>
      </p>
      <h1 id="transfer-title">{t('transfer.title')}</h1>
      {balance !== undefined && (
        <p>{t('transfer.available', { count: formatCount(balance, locale) })}</p>
      )}
      {transfer.isSuccess ? (
        <div role="status" className="notice" data-testid="transfer-done">
          <p>
            {t(transfer.data.replayed ? 'transfer.replayed' : 'transfer.done', {
              count: formatCount(transfer.data.points, locale),
              to: transfer.data.toCustomerId,
            })}
          </p>
          <p>{t('transfer.newBalance', { count: formatCount(transfer.data.balance, locale) })}</p>
          <button type="button" onClick={startOver}>
            {t('transfer.another')}
          </button>
        </div>
      ) : pending !== null ? (
        <div className="confirm" role="group" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('transfer.confirmTitle')}</h2>
          <p>
            {t('transfer.confirmText', {
              count: formatCount(pending.points, locale),
              to: pending.toCustomerId,
            })}
          </p>
          {balance !== undefined && (
            <p>{t('transfer.after', { count: formatCount(balance - pending.points, locale) })}</p>
          )}
          {transfer.isError && (
            <p role="alert" className="error">
              {t('transfer.refused', { detail: describeError(transfer.error) })}
            </p>
          )}
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={transfer.isPending}
              onClick={() => transfer.mutate(pending)}
            >
              {transfer.isPending
                ? t('transfer.sending')
                : transfer.isError
                  ? t('transfer.retry')
                  : t('transfer.confirm')}
            </button>
            <button
              type="button"
              disabled={transfer.isPending}
              onClick={() => {
                transfer.reset();
                setPending(null);
              }}
            >
              {t('transfer.change')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={review} noValidate className="form">
          <label htmlFor={ids.to}>{t('transfer.to')}</label>
          <input
            id={ids.to}
            name="toCustomerId"
            autoComplete="off"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-describedby={invalid !== null ? ids.invalid : undefined}
          />
          <label htmlFor={ids.points}>{t('transfer.points', { min: MIN_TRANSFER })}</label>
          <input
            id={ids.points}
            name="points"
            inputMode="numeric"
            required
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby={invalid !== null ? ids.invalid : undefined}
          />
          {invalid !== null && (
            <p id={ids.invalid} role="alert" className="error">
              {invalid}
            </p>
          )}
          <button type="submit">{t('transfer.review')}</button>
        </form>
      )}
    </section>
  );
}
