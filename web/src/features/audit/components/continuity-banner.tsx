import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../../components/states';
import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime } from '../../../lib/money';
import { headQuery, isFabric, signedHeadOf } from '../api/ledger';
import { continuityQuery } from '../trust/continuity';
import type { TrustedKey } from '../trust/pinned-key';

/**
 * On every explorer page: whether the server's newest head extends the last head this browser
 * verified with the pinned key. A break is an alert in red that stays on every page, and the
 * remembered head is left as it was, so reloading does not make it go away.
 */
export function ContinuityBanner({ trusted }: { trusted: TrustedKey }) {
  const { t, locale } = useI18n();
  const head = useQuery(headQuery);
  const doc = head.data?.head;
  const newest = doc === undefined || isFabric(doc) ? undefined : signedHeadOf(doc);
  const check = useQuery(continuityQuery(trusted, newest));
  if (head.isError) return <LoadError error={head.error} retry={() => void head.refetch()} />;
  if (doc !== undefined && isFabric(doc))
    return <p className="continuity">{t('audit.continuity.fabric')}</p>;
  if (head.data !== undefined && doc === undefined)
    return <p className="continuity">{t('audit.continuity.empty')}</p>;
  if (check.isError) return <LoadError error={check.error} retry={() => void check.refetch()} />;
  if (check.data === undefined)
    return (
      <p className="continuity" role="status">
        {t('audit.continuity.checking')}
      </p>
    );
  const result = check.data;
  if (result.state === 'broken')
    return (
      <div className="continuity-alert" role="alert" data-testid="continuity-alert">
        <h2>
          {result.remembered === null
            ? t('audit.continuity.unverified')
            : t('audit.continuity.broken')}
        </h2>
        <p>{t(`audit.reason.${result.code}`)}</p>
        {result.remembered !== null && (
          <p>
            {t('audit.continuity.kept', {
              block: result.remembered.block,
              date: formatDateTime(result.remembered.verifiedAt, locale),
            })}
          </p>
        )}
        <details>
          <summary>{t('audit.technical')}</summary>
          <code>{result.detail}</code>
        </details>
      </div>
    );
  return (
    <p className="continuity continuity-ok" role="status" data-testid="continuity">
      <span aria-hidden="true">✓ </span>
      {result.state === 'first'
        ? t('audit.continuity.first', { block: result.head.number })
        : result.since.block === result.head.number
          ? t('audit.continuity.same', { block: result.head.number })
          : t('audit.continuity.ok', { block: result.head.number, since: result.since.block })}
    </p>
  );
}
