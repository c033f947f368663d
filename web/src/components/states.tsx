import { useI18n } from '../lib/i18n/i18n';

/** Shown while a view's data loads. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="state">
      {t('state.loading')}
    </p>
  );
}

/** Shown when a view's data could not be loaded, with a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t, describeError } = useI18n();
  return (
    <div role="alert" className="state state-error">
      <p>{t('state.error', { detail: describeError(error) })}</p>
      <button type="button" onClick={retry}>
        {t('state.retry')}
      </button>
    </div>
  );
}
