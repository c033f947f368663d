import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { demoLoginsQuery, useLogin } from '../../lib/auth';
import { useI18n } from '../../lib/i18n/i18n';

/** Where the login page was sent from: where to go back to, and whether a session ended. */
export interface LoginSearch {
  readonly redirect?: string;
  readonly expired?: boolean;
}

export function validateLoginSearch(search: Record<string, unknown>): LoginSearch {
  return {
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    ...(search.expired === true || search.expired === 'true' ? { expired: true } : {}),
  };
}

/** Only a path of this app: never another origin (`//evil`, `https://…`). */
export function safeRedirect(target: string | undefined): string {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target.startsWith('/login')) return '/';
  return target;
}

export function LoginPage({ search }: { search: LoginSearch }) {
  const { t, describeError } = useI18n();
  const router = useRouter();
  const login = useLogin();
  const demo = useQuery(demoLoginsQuery).data;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameRef = useRef<HTMLInputElement>(null);
  const ids = { user: useId(), pass: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { username, password },
      { onSuccess: () => router.history.push(safeRedirect(search.redirect)) },
    );
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {search.expired && !login.isError && (
        <p role="status" className="notice">
          {t('login.expired')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label htmlFor={ids.user}>{t('login.username')}</label>
        <input
          id={ids.user}
          ref={usernameRef}
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-describedby={login.isError ? ids.error : undefined}
        />
        <label htmlFor={ids.pass}>{t('login.password')}</label>
        <input
          id={ids.pass}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={login.isError ? ids.error : undefined}
        />
        {login.isError && (
          <p id={ids.error} role="alert" className="error">
            {describeError(login.error)}
          </p>
        )}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      {demo !== undefined && demo.password !== null && demo.logins.length > 0 && (
        <section className="demo-logins" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('login.demo.title')}</h2>
          <p>{t('login.demo.intro', { password: demo.password })}</p>
          <ul>
            {demo.logins.map((l) => (
              <li key={l.username}>
                <button
                  type="button"
                  onClick={() => {
                    setUsername(l.username);
                    setPassword(demo.password ?? '');
                    usernameRef.current?.focus();
                  }}
                >
                  {t('login.demo.use', { username: l.username })}
                </button>{' '}
                <span>
                  {t(`role.${l.role}`)}: {t(`demo.sees.${l.role}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
