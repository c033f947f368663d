import { Link } from '@tanstack/react-router';
import { Loading, LoadError } from '../../components/states';
import { useAllMovements } from '../../features/points/api/get-points';
import { CustomerOnly } from '../../features/points/components/customer-only';
import { MovementText, signed } from '../../features/points/components/movement-text';
import { useI18n } from '../../lib/i18n/i18n';
import { formatCount, formatDateTime } from '../../lib/money';

/** "Explain my balance": every movement, oldest first, with the running sum that ends at the balance. */
export function WalletExplainPage() {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('explain.title')}>
      {(customerId) => <Explain customerId={customerId} />}
    </CustomerOnly>
  );
}

function Explain({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const all = useAllMovements(customerId);
  let running = 0;
  return (
    <section aria-labelledby="explain-title">
      <p>
        <Link to="/wallet">{t('wallet.back')}</Link>
      </p>
      <h1 id="explain-title">{t('explain.title')}</h1>
      {all.isPending ? (
        <Loading />
      ) : all.isError ? (
        <LoadError error={all.error} retry={() => void all.refetch()} />
      ) : all.data.movements.length === 0 ? (
        <p className="state">{t('wallet.noMovements')}</p>
      ) : (
        <>
          <p>{t('explain.intro', { count: formatCount(all.data.movements.length, locale) })}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('wallet.ticket.date')}</th>
                  <th scope="col">{t('explain.what')}</th>
                  <th scope="col" className="number">
                    {t('explain.change')}
                  </th>
                  <th scope="col" className="number">
                    {t('explain.running')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.data.movements.map((m) => {
                  running += m.delta;
                  return (
                    <tr key={m.seq}>
                      <td>{formatDateTime(m.at, locale)}</td>
                      <td>
                        <MovementText movement={m} />{' '}
                        <Link to="/wallet/proof/$txId" params={{ txId: m.txId }}>
                          {t('wallet.proof')}
                        </Link>
                      </td>
                      <td className="number">{signed(m.delta, locale)}</td>
                      <td className="number">{formatCount(running, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('wallet.balance')}
                  </th>
                  <td className="number" data-testid="explained-balance">
                    {formatCount(all.data.balance, locale)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p role="status" data-testid="explain-check">
            {running === all.data.balance
              ? t('explain.adds', { balance: formatCount(all.data.balance, locale) })
              : t('explain.differs', {
                  sum: formatCount(running, locale),
                  balance: formatCount(all.data.balance, locale),
                })}
          </p>
        </>
      )}
    </section>
  );
}
