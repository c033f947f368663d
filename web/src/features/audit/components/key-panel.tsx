import { useI18n } from '../../../lib/i18n/i18n';
import { formatDateTime } from '../../../lib/money';
import { groupHex } from '../trust/fingerprint';
import { useForgetKey, type TrustedKey } from '../trust/pinned-key';
import { PinKeyForm } from './pin-key-form';

/**
 * The key everything is verified with: pinned, with its fingerprint and where it came from; with
 * none, the form to pin one (trust on first use included: the key route answers every role).
 */
export function KeyPanel({ trusted }: { trusted: TrustedKey | null }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="key-title" className="key-panel">
      <h2 id="key-title">{t('audit.key.title')}</h2>
      {trusted === null ? <PinKeyForm /> : <PinnedKey trusted={trusted} />}
    </section>
  );
}

function PinnedKey({ trusted }: { trusted: TrustedKey }) {
  const { t, locale } = useI18n();
  const forget = useForgetKey();
  return (
    <>
      <dl className="head-fields">
        <dt>{t('audit.key.fingerprint')}</dt>
        <dd>
          <code className="fingerprint" data-testid="fingerprint">
            {groupHex(trusted.fingerprint)}
          </code>
        </dd>
        <dt>{t('audit.key.source')}</dt>
        <dd data-testid="key-source">
          {t(`audit.key.source.${trusted.source}`, {
            date: formatDateTime(trusted.pinnedAt, locale),
          })}
        </dd>
      </dl>
      {trusted.source === 'tofu' && (
        <p className="tofu-warning" data-testid="tofu-warning">
          <strong>{t('audit.tofu.title')}:</strong> {t('audit.tofu.warning')}
        </p>
      )}
      <p>{t('audit.key.compare')}</p>
      <details>
        <summary>{t('audit.key.pem')}</summary>
        <pre className="proof" tabIndex={0}>
          {trusted.pem}
        </pre>
      </details>
      <button type="button" onClick={() => forget.mutate()} disabled={forget.isPending}>
        {t('audit.key.forget')}
      </button>
    </>
  );
}
