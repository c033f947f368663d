import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { customerTicketsQuery } from '../../tickets/api/get-customer-tickets';
import { grantsQuery } from './grants';
import { pointsQuery, type Movement, type Points } from './get-points';

/** Which running total a movement adds to (each counts up; the balance moves by `delta`). */
const TOTAL_OF: Readonly<
  Record<string, 'earned' | 'received' | 'given' | 'redeemed' | 'reversed'>
> = {
  award: 'earned',
  'transfer-in': 'received',
  'transfer-out': 'given',
  redemption: 'redeemed',
  reversal: 'reversed',
};

/** The cached points with one more movement. */
export function withMovement(points: Points, movement: Movement): Points {
  if (points.movements.some((m) => m.seq === movement.seq)) return points;
  const total = TOTAL_OF[movement.kind];
  return {
    ...points,
    balance: points.balance + movement.delta,
    ...(total === undefined ? {} : { [total]: points[total] + Math.abs(movement.delta) }),
    movements: [...points.movements, movement],
  };
}

/**
 * Keeps the customer's points live: each movement the server streams
 * (`/v1/stream/points`, the session cookie goes with it) is written into
 * the query cache at once, then the points, their movements, the grants
 * (a redemption is a till using one: its status turns to used) and the
 * tickets are fetched again in the background to settle on what the
 * server says.
 */
export function usePointsStream(customerId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/v1/stream/points');
    source.addEventListener('points', (event) => {
      const movement = JSON.parse((event as MessageEvent<string>).data) as Movement;
      const key = pointsQuery(customerId).queryKey;
      queryClient.setQueryData(key, (points) => points && withMovement(points, movement));
      // The key is a prefix of the movement pages', the explanation's and the grants'.
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: grantsQuery(customerId).queryKey });
      void queryClient.invalidateQueries({ queryKey: customerTicketsQuery(customerId).queryKey });
    });
    return () => source.close();
  }, [customerId, queryClient]);
}
