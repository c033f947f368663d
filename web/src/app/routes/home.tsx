import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { validateDashboardSearch } from '../../features/manufacturer-sales/search';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';

export function HomePage() {
  const { t } = useI18n();
  const session = useQuery(sessionQuery).data;
  if (!session) return null;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title', { username: session.person.username })}</h1>
      <p>
        <RoleLink role={session.person.role} subjectId={session.person.subjectId ?? ''} />
      </p>
    </section>
  );
}

/** Where each role's work starts. */
function RoleLink({ role, subjectId }: { role: string; subjectId: string }) {
  const { t } = useI18n();
  switch (role) {
    case 'customer':
      return <Link to="/wallet">{t('home.customer')}</Link>;
    case 'store':
      return (
        <Link to="/stores/$storeId" params={{ storeId: subjectId }}>
          {t('home.store')}
        </Link>
      );
    case 'retailer':
      return (
        <Link to="/retailers/$retailerId" params={{ retailerId: subjectId }}>
          {t('home.retailer')}
        </Link>
      );
    case 'manufacturer':
      return (
        <Link to="/manufacturer" search={validateDashboardSearch({})}>
          {t('home.manufacturer')}
        </Link>
      );
    case 'operator':
      return <Link to="/participants">{t('home.operator')}</Link>;
    // The auditor's explorer (issue 21 §2).
    case 'auditor':
      return <Link to="/auditor">{t('home.auditor')}</Link>;
    default:
      return <>{t('home.other')}</>;
  }
}
