import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { sessionQuery } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';

export function HomePage() {
  const { t } = useI18n();
  const session = useQuery(sessionQuery).data;
  if (!session) return null;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title', { username: session.person.username })}</h1>
      {session.person.role === 'customer' ? (
        <p>
          <Link to="/wallet">{t('home.customer')}</Link>
        </p>
      ) : (
        <p>{t('home.other')}</p>
      )}
    </section>
  );
}
