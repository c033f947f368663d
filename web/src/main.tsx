import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { newRouter } from './app/router';
import { ApiError, whenUnauthenticated } from './lib/api-client';
import { sessionQuery } from './lib/auth';
import { I18nProvider } from './lib/i18n/i18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A problem the API answered is not retried: only the network failing is.
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
    },
  },
});
const router = newRouter(queryClient);

// The session ended under the page (expired, logged out elsewhere): to the login, then back.
whenUnauthenticated(() => {
  queryClient.setQueryData(sessionQuery.queryKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  const { pathname, href } = router.state.location;
  if (pathname !== '/login')
    void router.navigate({ to: '/login', search: { redirect: href, expired: true } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
