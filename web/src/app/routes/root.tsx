import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { LanguageSwitch } from '../../components/language-switch';
import { sessionQuery, useLogout } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';

/** Every page: a skip link, the header (who, language, logout) and the page itself. */
export function RootLayout() {
  const { t } = useI18n();
  const session = useQuery(sessionQuery).data;
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <Link to="/" className="app-name">
          {t('app.name')}
        </Link>
        {session?.person.role === 'customer' && (
          <nav aria-label={t('app.name')}>
            <Link
              to="/wallet"
              activeOptions={{ exact: true }}
              activeProps={{ 'aria-current': 'page' }}
            >
              {t('nav.wallet')}
            </Link>
            {/* The customer's views (issue 20 §2). */}
            <Link to="/wallet/transfer" activeProps={{ 'aria-current': 'page' }}>
              {t('nav.transfer')}
            </Link>
            <Link to="/wallet/grants" activeProps={{ 'aria-current': 'page' }}>
              {t('nav.grants')}
            </Link>
          </nav>
        )}
        {/* Store, retailer and operator views (issue 20 §2). */}
        {session?.person.role === 'store' && session.person.subjectId !== null && (
          <nav aria-label={t('app.name')}>
            <Link
              to="/stores/$storeId"
              params={{ storeId: session.person.subjectId }}
              activeProps={{ 'aria-current': 'page' }}
            >
              {t('nav.store')}
            </Link>
          </nav>
        )}
        {session?.person.role === 'retailer' && session.person.subjectId !== null && (
          <nav aria-label={t('app.name')}>
            <Link
              to="/retailers/$retailerId"
              params={{ retailerId: session.person.subjectId }}
              activeProps={{ 'aria-current': 'page' }}
            >
              {t('nav.store')}
            </Link>
          </nav>
        )}
        {session?.person.role === 'operator' && (
          <nav aria-label={t('app.name')}>
            <Link to="/participants" activeProps={{ 'aria-current': 'page' }}>
              {t('nav.participants')}
            </Link>
          </nav>
        )}
        <div className="header-end">
          {session && (
            <span className="who">
              {t('header.loggedInAs', {
                username: session.person.username,
                role: t(`role.${session.person.role}`),
              })}
            </span>
          )}
          <LanguageSwitch />
          {session && (
            <button
              type="button"
              onClick={() =>
                logout.mutate(undefined, {
                  onSettled: () => void navigate({ to: '/login', search: {} }),
                })
              }
            >
              {t('header.logout')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
