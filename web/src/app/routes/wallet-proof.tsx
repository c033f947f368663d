import { Link, getRouteApi } from '@tanstack/react-router';
import { Loading, LoadError } from '../../components/states';
import { useMovementProof } from '../../features/points/api/get-points';
import { CustomerOnly, isNotFound } from '../../features/points/components/customer-only';
import { useI18n } from '../../lib/i18n/i18n';
import { NotFoundPage } from './not-found';

/** The inclusion proof of a transaction that moved the customer's points. */
export function WalletProofPage({ txId }: { txId: string }) {
  const { t } = useI18n();
  return (
    <CustomerOnly title={t('proof.title')}>
      {(customerId) => <Proof customerId={customerId} txId={txId} />}
    </CustomerOnly>
  );
}

function Proof({ customerId, txId }: { customerId: string; txId: string }) {
  const { t } = useI18n();
  const proof = useMovementProof(customerId, txId);
  if (proof.isError && isNotFound(proof.error)) return <NotFoundPage />;
  return (
    <section aria-labelledby="proof-title">
      <p>
        <Link to="/wallet">{t('wallet.back')}</Link>
      </p>
      <h1 id="proof-title">{t('proof.title')}</h1>
      {proof.isPending ? (
        <Loading />
      ) : proof.isError ? (
        <LoadError error={proof.error} retry={() => void proof.refetch()} />
      ) : (
        <>
          <p>{t('proof.where', { tx: proof.data.txId, block: proof.data.blockNumber })}</p>
          <p>{t('proof.hint')}</p>
          <pre className="proof-document" tabIndex={0} aria-label={t('proof.document')}>
            {JSON.stringify(proof.data.proof ?? null, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}

const proofRoute = getRouteApi('/session/wallet/proof/$txId');

/** The page as the router mounts it (lazily), with what it takes from the URL. */
export function WalletProofRoute() {
  return <WalletProofPage txId={proofRoute.useParams().txId} />;
}
