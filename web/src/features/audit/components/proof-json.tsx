import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';

/**
 * A proof document as served: a download (a `data:` link, which the CSP allows for navigation)
 * so that it can be checked again offline with `eter check-proof`, and the JSON, collapsed.
 */
export function ProofJson({ doc, fileName }: { doc: unknown; fileName: string }) {
  const { t } = useI18n();
  const text = useMemo(() => JSON.stringify(doc, null, 2), [doc]);
  return (
    <div className="proof-json">
      <p>
        <a
          href={`data:application/json;charset=utf-8,${encodeURIComponent(text)}`}
          download={fileName}
        >
          {t('audit.proof.download', { file: fileName })}
        </a>
      </p>
      <details>
        <summary>{t('audit.proof.show')}</summary>
        <pre className="proof" tabIndex={0} aria-label={t('audit.proof.document')}>
          {text}
        </pre>
      </details>
    </div>
  );
}

/** A command to run in a terminal, shown as code. */
export function Command({ children }: { children: string }) {
  return (
    <pre className="command" tabIndex={0}>
      <code>{children}</code>
    </pre>
  );
}
