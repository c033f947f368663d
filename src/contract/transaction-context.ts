/** What every contract reads from its transaction context: time, config, required records. */
import type { Context } from 'fabric-contract-api';
import { ContractError } from './errors';
import { keys } from './keys';
import type { ConfigRecord } from './records';
import { getRecord } from './state';

/** The transaction's time, as proposed by the client and the same on every peer. */
export function now(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/** @throws {ContractError} FAILED_PRECONDITION when the ledger has not been bootstrapped. */
export async function requireConfig(ctx: Context): Promise<ConfigRecord> {
  const config = await getRecord<ConfigRecord>(ctx.stub, keys.config(ctx.stub));
  if (config === undefined) {
    throw new ContractError('FAILED_PRECONDITION', 'the ledger has not been bootstrapped');
  }
  return config;
}

/** @throws {ContractError} NOT_FOUND */
export async function requireRecord<T>(ctx: Context, key: string, what: string): Promise<T> {
  const record = await getRecord<T>(ctx.stub, key);
  if (record === undefined) throw new ContractError('NOT_FOUND', `${what} not found`);
  return record;
}
