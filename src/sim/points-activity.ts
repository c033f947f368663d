import { setTimeout as sleep } from 'node:timers/promises';
import { MIN_TRANSFER_POINTS } from '../contract';
import type { Random } from './random';

/** A customer the activity acts for, and how to get a fresh login token for them. */
export interface ActiveCustomer {
  readonly customerId: string;
  login(): Promise<string>;
}

/** What the points activity did. */
export interface PointsActivityTally {
  transfers: number;
  redemptions: number;
  /** Refusals and failures (a balance spent meanwhile, a busy ledger). */
  refused: number;
}

/**
 * Customers using their points through the API, as their app and a till
 * would: now and then one gives part of their balance to another customer,
 * or creates a redemption grant that a store's till then redeems. Runs
 * until `signal` aborts; meant to run beside the point-of-sale simulation so
 * that the demo's ledger holds every kind of points movement.
 */
export async function runPointsActivity(options: {
  url: string;
  customers: readonly ActiveCustomer[];
  /** Every customer id of the workload: who may receive transfers. */
  recipients: readonly string[];
  /** Terminal keys by store id. */
  keys: ReadonlyMap<string, string>;
  random: Random;
  intervalMs: number;
  signal: AbortSignal;
}): Promise<PointsActivityTally> {
  const tally: PointsActivityTally = { transfers: 0, redemptions: 0, refused: 0 };
  const stores = [...options.keys.keys()];
  // Tokens are short-lived: log in again when one is refused.
  const tokens = new Map<string, string>();
  const tokenOf = async (customer: ActiveCustomer, fresh = false) => {
    let token = tokens.get(customer.customerId);
    if (token === undefined || fresh) {
      token = await customer.login();
      tokens.set(customer.customerId, token);
    }
    return token;
  };
  const asCustomer = async (
    customer: ActiveCustomer,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const first = await call(method, path, await tokenOf(customer), body);
    return first.status === 401 ? call(method, path, await tokenOf(customer, true), body) : first;
  };
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${options.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: options.signal,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  while (!options.signal.aborted) {
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
      const customer = options.random.pick(options.customers);
      const base = `/v1/customers/${customer.customerId}/points`;
      const { body } = await asCustomer(customer, 'GET', `${base}?limit=1`);
      const balance = Number(body.balance ?? 0);
      if (balance < 50) continue;
      if (options.random.chance(0.5)) {
        const to = options.random.pick(options.recipients);
        if (to === customer.customerId) continue;
        const points = Math.max(MIN_TRANSFER_POINTS, Math.floor(balance * 0.2));
        const sent = await asCustomer(customer, 'POST', `${base}/transfers`, {
          toCustomerId: to,
          points,
        });
        if (sent.status === 201) tally.transfers += 1;
        else tally.refused += 1;
      } else {
        const storeId = options.random.pick(stores);
        const points = Math.max(1, Math.floor(balance * 0.3));
        const grant = await asCustomer(customer, 'POST', `${base}/grants`, { storeId, points });
        if (grant.status !== 201) {
          tally.refused += 1;
          continue;
        }
        const redeemed = await call(
          'POST',
          `/v1/stores/${storeId}/redemptions`,
          options.keys.get(storeId)!,
          {
            code: grant.body.code,
            redemptionId: `demo-${Date.now()}-${options.random.int(0, 999_999)}`,
          },
        );
        if (redeemed.status === 201) tally.redemptions += 1;
        else tally.refused += 1;
      }
    } catch {
      // An abort ends the loop; anything else (a server shutting down) counts as refused.
      if (options.signal.aborted) break;
      tally.refused += 1;
    }
  }
  return tally;
}
