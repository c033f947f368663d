import { Link } from '@tanstack/react-router';
import { useI18n } from '../../../lib/i18n/i18n';

/** The explorer's own pages. */
export function AuditNav() {
  const { t } = useI18n();
  const current = { 'aria-current': 'page' } as const;
  return (
    <nav aria-label={t('audit.nav')} className="audit-nav">
      <Link to="/auditor" activeOptions={{ exact: true }} activeProps={current}>
        {t('audit.nav.home')}
      </Link>
      <Link to="/auditor/heads" activeProps={current}>
        {t('audit.nav.heads')}
      </Link>
      <Link to="/auditor/blocks" activeProps={current}>
        {t('audit.nav.blocks')}
      </Link>
      <Link to="/auditor/consistency" activeProps={current}>
        {t('audit.nav.consistency')}
      </Link>
    </nav>
  );
}
