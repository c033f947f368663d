import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Loading, LoadError } from '../../components/states';
import { headQuery, isFabric, signedHeadOf } from '../../features/audit/api/ledger';
import {
  AuditFrame,
  WithKey,
  type AuditContext,
} from '../../features/audit/components/audit-frame';
import { FabricNotice } from '../../features/audit/components/fabric-notice';
import { HeadFields } from '../../features/audit/components/head-fields';
import { KeyPanel } from '../../features/audit/components/key-panel';
import { VerdictView } from '../../features/audit/components/verdict-view';
import { verdictOf } from '../../features/audit/verify/verdict';
import { useI18n } from '../../lib/i18n/i18n';

/** The auditor's explorer: the pinned key, the newest signed head verified, and the way in. */
export function AuditorPage() {
  const { t } = useI18n();
  return (
    <AuditFrame title={t('audit.title')} intro={<p>{t('audit.intro')}</p>}>
      {(context) => (
        <>
          <NewestHead {...context} />
          <KeyPanel trusted={context.trusted} />
        </>
      )}
    </AuditFrame>
  );
}

function NewestHead({ verifier, trusted }: AuditContext) {
  const { t } = useI18n();
  const head = useQuery(headQuery);
  let body;
  if (head.isPending) body = <Loading />;
  else if (head.isError) body = <LoadError error={head.error} retry={() => void head.refetch()} />;
  else if (head.data.head === undefined) body = <p>{t('audit.continuity.empty')}</p>;
  else if (isFabric(head.data.head))
    body = <FabricNotice doc={head.data.head} fileName="head.json" />;
  else {
    const signed = signedHeadOf(head.data.head);
    body = (
      <WithKey trusted={trusted}>
        {(trusted) => {
          const verdict = verdictOf(verifier, () => {
            if (signed === undefined)
              throw new verifier.ProofCheckError('malformed', 'no signed head');
            return verifier.checkSignedHead(signed, trusted.key);
          });
          return (
            <>
              <VerdictView
                verdict={verdict}
                verified={t('audit.head.verified', { height: head.data.height })}
              />
              {verdict.ok && <HeadFields head={verdict.value} />}
            </>
          );
        }}
      </WithKey>
    );
  }
  return (
    <section aria-labelledby="newest-title">
      <h2 id="newest-title">{t('audit.head.title')}</h2>
      {body}
      <ul className="audit-links">
        <li>
          <Link to="/auditor/heads">{t('audit.nav.heads')}</Link>: {t('audit.home.heads')}
        </li>
        <li>
          <Link to="/auditor/blocks">{t('audit.nav.blocks')}</Link>: {t('audit.home.blocks')}
        </li>
        <li>
          <Link to="/auditor/consistency">{t('audit.nav.consistency')}</Link>:{' '}
          {t('audit.home.consistency')}
        </li>
      </ul>
    </section>
  );
}
