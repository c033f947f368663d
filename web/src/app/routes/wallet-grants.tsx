import { Link } from '@tanstack/react-router';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Loading, LoadError } from '../../components/states';
import {
  useCancelGrant,
  useCreateGrant,
  useGrants,
  type CreatedGrant,
  type Grant,
} from '../../features/points/api/grants';
import { usePoints } from '../../features/points/api/get-points';
import { usePointsStream } from '../../features/points/api/points-stream';
import { CustomerOnly } from '../../features/points/components/customer-only';
import { GrantQr } from '../../features/points/components/grant-qr';
import { useCustomerTickets } from '../../features/tickets/api/get-customer-tickets';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime } from '../../lib/money';

/** How long a new grant may be used, in seconds (the API allows 10 s to a day). */
const VALIDITIES = [300, 900, 3600] as const;

/** Redeem points at a store: a grant shown once as a QR code and a code, and the grants made before. */
export function WalletGrantsPage() {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('grants.title')}>
      {(customerId) => <Grants customerId={customerId} />}
    </CustomerOnly>
  );
}

/** The time now, again every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Grants({ customerId }: { customerId: string }) {
  const { t, locale, describeError } = useI18n();
  usePointsStream(customerId);
  const balance = usePoints(customerId).data?.balance;
  const stores = [
    ...new Set((useCustomerTickets(customerId).data?.tickets ?? []).map((x) => x.storeId)),
  ];
  const create = useCreateGrant(customerId);
  const [storeId, setStoreId] = useState('');
  const [amount, setAmount] = useState('');
  const [ttl, setTtl] = useState<number>(900);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedGrant | null>(null);
  const ids = {
    store: useId(),
    stores: useId(),
    points: useId(),
    ttl: useId(),
    invalid: useId(),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const points = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : Number.NaN;
    if (storeId.trim() === '') return setInvalid(t('grants.needStore'));
    if (!Number.isSafeInteger(points) || points < 1) return setInvalid(t('grants.needPoints'));
    setInvalid(null);
    create.mutate(
      { storeId: storeId.trim(), points, ttlSeconds: ttl },
      {
        onSuccess: (grant) => {
          setCreated(grant);
          setAmount('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="grants-title">
      <p>
        <Link to="/wallet">{t('wallet.back')}</Link>
      </p>
      <h1 id="grants-title">{t('grants.title')}</h1>
      <p>{t('grants.intro')}</p>
      {balance !== undefined && (
        <p>{t('transfer.available', { count: formatCount(balance, locale) })}</p>
      )}
      {created !== null && (
        <NewGrant customerId={customerId} grant={created} onClose={() => setCreated(null)} />
      )}
      <form onSubmit={submit} noValidate className="form">
        <h2>{t('grants.new')}</h2>
        <label htmlFor={ids.store}>{t('grants.store')}</label>
        <input
          id={ids.store}
          name="storeId"
          list={ids.stores}
          autoComplete="off"
          required
          value={storeId}
          onChange={(e) => setStoreId(e.target.value)}
          aria-describedby={invalid !== null ? ids.invalid : undefined}
        />
        <datalist id={ids.stores}>
          {stores.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <label htmlFor={ids.points}>{t('grants.points')}</label>
        <input
          id={ids.points}
          name="points"
          inputMode="numeric"
          required
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-describedby={invalid !== null ? ids.invalid : undefined}
        />
        <label htmlFor={ids.ttl}>{t('grants.validFor')}</label>
        <select id={ids.ttl} value={ttl} onChange={(e) => setTtl(Number(e.target.value))}>
          {VALIDITIES.map((s) => (
            <option key={s} value={s}>
              {t('grants.minutes', { count: formatCount(s / 60, locale) })}
            </option>
          ))}
        </select>
        {invalid !== null && (
          <p id={ids.invalid} role="alert" className="error">
            {invalid}
          </p>
        )}
        {create.isError && (
          <p role="alert" className="error">
            {t('grants.refused', { detail: describeError(create.error) })}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('grants.creating') : t('grants.create')}
        </button>
      </form>
      <GrantList customerId={customerId} />
    </section>
  );
}

/** "4:05": minutes and seconds left. */
function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

/** The grant just made: its code and QR code (this once), the time left, its status live. */
function NewGrant({
  customerId,
  grant,
  onClose,
}: {
  customerId: string;
  grant: CreatedGrant;
  onClose: () => void;
}) {
  const { t, locale, describeError } = useI18n();
  const now = useNow();
  const grants = useGrants(customerId);
  const cancel = useCancelGrant(customerId);
  const listed = grants.data?.grants.find((g) => g.grantId === grant.grantId);
  const left = Date.parse(grant.expiresAt) - now;
  const status: Grant['status'] = listed?.status ?? grant.status;
  const expired = left <= 0;
  const shownStatus = status === 'active' && expired ? 'expired' : status;
  const { refetch } = grants;
  useEffect(() => {
    // At the deadline, ask the server what became of it.
    if (expired && status === 'active') void refetch();
  }, [expired, status, refetch]);
  return (
    <section className="new-grant" aria-labelledby="new-grant-title">
      <h2 id="new-grant-title">{t('grants.show', { store: grant.storeId })}</h2>
      <p role="status" className={`grant-status status-${shownStatus}`} data-testid="grant-status">
        {shownStatus === 'used'
          ? t('grants.redeemedNow', {
              count: formatCount(listed?.pointsRedeemed ?? grant.points, locale),
            })
          : t(`grants.status.${shownStatus}`)}
      </p>
      {shownStatus === 'active' && (
        <>
          <GrantQr payload={grant.qrPayload} label={t('grants.qr', { code: grant.code })} />
          <p className="grant-code">
            <span>{t('grants.code')}</span> <code data-testid="grant-code">{grant.code}</code>
          </p>
          <p>
            {t('grants.upTo', { count: formatCount(grant.points, locale) })}{' '}
            <span data-testid="grant-countdown">{t('grants.left', { time: countdown(left) })}</span>
          </p>
          <p className="muted">{t('grants.once')}</p>
          {cancel.isError && (
            <p role="alert" className="error">
              {describeError(cancel.error)}
            </p>
          )}
          <button
            type="button"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(grant.grantId)}
          >
            {t('grants.cancel')}
          </button>
        </>
      )}
      {shownStatus !== 'active' && (
        <button type="button" onClick={onClose}>
          {t('grants.close')}
        </button>
      )}
    </section>
  );
}

function GrantList({ customerId }: { customerId: string }) {
  const { t, locale, describeError } = useI18n();
  const grants = useGrants(customerId);
  const cancel = useCancelGrant(customerId);
  return (
    <section aria-labelledby="grant-list-title">
      <h2 id="grant-list-title">{t('grants.list')}</h2>
      {grants.isPending ? (
        <Loading />
      ) : grants.isError ? (
        <LoadError error={grants.error} retry={() => void grants.refetch()} />
      ) : grants.data.grants.length === 0 ? (
        <p className="state">{t('grants.none')}</p>
      ) : (
        <>
          {cancel.isError && (
            <p role="alert" className="error">
              {describeError(cancel.error)}
            </p>
          )}
          <ul className="grant-list">
            {grants.data.grants.map((g) => (
              <li key={g.grantId} data-grant={g.grantId}>
                <span>
                  {t('grants.row', {
                    count: formatCount(g.points, locale),
                    store: g.storeId,
                    date: formatDateTime(g.createdAt, locale),
                  })}
                </span>{' '}
                <strong className={`status-${g.status}`}>{t(`grants.status.${g.status}`)}</strong>
                {g.status === 'active' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      disabled={cancel.isPending}
                      onClick={() => cancel.mutate(g.grantId)}
                      aria-label={t('grants.cancelOne', {
                        count: formatCount(g.points, locale),
                        store: g.storeId,
                      })}
                    >
                      {t('grants.cancel')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
