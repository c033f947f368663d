import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api-client';

export interface TransferInput {
  readonly toCustomerId: string;
  readonly points: number;
  /** Made when the confirmation opens: the same transfer retried is answered 200 with the original. */
  readonly transferId: string;
}

/** Gives points to another customer; the points are fetched again after. */
export function useTransfer(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TransferInput) =>
      dataOf(
        await api.POST('/v1/customers/{customerId}/points/transfers', {
          params: { path: { customerId } },
          body: input,
        }),
      ),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'points'] }),
  });
}
