import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../generated/api';
import { api, ApiError, dataOf, setCsrfToken } from './api-client';

export type Person = components['schemas']['Person'];

export interface Session {
  readonly person: Person;
  readonly expiresAt: string;
  readonly csrfToken: string | null;
}

/** The current session, or null when there is none (the cookie is absent, expired or revoked). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session | null> => {
    const answer = await api.GET('/v1/auth/session');
    if (answer.response.status === 401) {
      setCsrfToken(null);
      return null;
    }
    const session = dataOf(answer);
    setCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: Infinity,
});

/** Logs in: the answer sets the session cookie; the session goes into the cache. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) =>
      dataOf(await api.POST('/v1/auth/session', { body: credentials })),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

/** Logs out everywhere (the login's tokens and sessions are revoked) and forgets every cached answer. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const answer = await api.DELETE('/v1/auth/session');
      // Already gone counts as logged out.
      if (!answer.response.ok && answer.response.status !== 401)
        throw new ApiError(answer.response.status, undefined);
    },
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

/** The demo's logins (an empty list outside `eter demo`). */
export const demoLoginsQuery = queryOptions({
  queryKey: ['demo-logins'],
  queryFn: async () => dataOf(await api.GET('/v1/auth/demo-logins')),
  staleTime: Infinity,
});
