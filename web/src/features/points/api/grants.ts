import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';

type GrantsPath = paths['/v1/customers/{customerId}/points/grants'];
export type Grant =
  GrantsPath['get']['responses'][200]['content']['application/json']['grants'][number];
export type CreatedGrant = GrantsPath['post']['responses'][201]['content']['application/json'];

/** The customer's grants, newest first, with their state (never their codes). */
export function grantsQuery(customerId: string) {
  return queryOptions({
    queryKey: ['customers', customerId, 'points', 'grants'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/customers/{customerId}/points/grants', {
          params: { path: { customerId } },
        }),
      ),
  });
}

export function useGrants(customerId: string) {
  return useQuery(grantsQuery(customerId));
}

export interface GrantInput {
  readonly storeId: string;
  readonly points: number;
  readonly ttlSeconds: number;
}

/** Creates a grant: the answer holds its code, this once. */
export function useCreateGrant(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: GrantInput) =>
      dataOf(
        await api.POST('/v1/customers/{customerId}/points/grants', {
          params: { path: { customerId } },
          body: input,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: grantsQuery(customerId).queryKey }),
  });
}

/** Cancels an active grant: a till can no longer use it. */
export function useCancelGrant(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (grantId: string) =>
      dataOf(
        await api.DELETE('/v1/customers/{customerId}/points/grants/{grantId}', {
          params: { path: { customerId, grantId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: grantsQuery(customerId).queryKey }),
  });
}
