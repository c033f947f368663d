import { useI18n } from '../../../lib/i18n/i18n';
import type { Verdict } from '../verify/verdict';

/**
 * What the browser concluded about a proof: "verified" and what that means, or "not verified"
 * and why, in the reader's language (the verifier's message, in English, under "details").
 * A failure is an alert: an auditor must not miss it.
 */
export function VerdictView({
  verdict,
  verified,
}: {
  verdict: Verdict<unknown>;
  verified: string;
}) {
  const { t } = useI18n();
  if (verdict.ok)
    return (
      <p className="verdict verdict-ok" role="status" data-testid="verdict">
        <strong>
          <span aria-hidden="true">✓ </span>
          {t('audit.verified')}
        </strong>{' '}
        {verified}
      </p>
    );
  return (
    <div className="verdict verdict-bad" role="alert" data-testid="verdict">
      <p>
        <strong>
          <span aria-hidden="true">✗ </span>
          {t('audit.notVerified')}
        </strong>{' '}
        {t(`audit.reason.${verdict.code}`)}
      </p>
      <details>
        <summary>{t('audit.technical')}</summary>
        <code>{verdict.detail}</code>
      </details>
    </div>
  );
}

/** The same, in a table cell: short, and no live region per row. */
export function VerdictCell({ verdict }: { verdict: Verdict<unknown> }) {
  const { t } = useI18n();
  if (verdict.ok) return <span className="verdict-ok">✓ {t('audit.verified')}</span>;
  return (
    <span className="verdict-bad">
      ✗ {t('audit.notVerified')} {t(`audit.reason.${verdict.code}`)}
    </span>
  );
}
