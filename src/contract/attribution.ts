import type { ChaincodeStub } from 'fabric-shim-api';
import { companyPrefixSpace } from '../format';
import { ContractError, type ErrorDetail } from './errors';
import { keys } from './keys';
import type { PrefixBucketRecord } from './records';
import { getRecord, getSharedRecord, putRecord } from './state';

type Stub = Pick<ChaincodeStub, 'getState' | 'putState' | 'createCompositeKey'>;

/**
 * Prefixes of restricted circulation numbers in the GTIN-13 view (GS1 General
 * Specifications §1.4.4 / Figure 1.4.4-1): 02x and 2xx in-store and variable
 * measure, 04x in-company. They are never a manufacturer's.
 */
const RESTRICTED = ['02', '04', '2'];

/**
 * Finds which manufacturer owns each GTIN: the one holding the longest GS1
 * company prefix that begins it. Prefixes live in buckets keyed by their
 * first four digits (the shortest possible prefix), so one GTIN costs one
 * state read, and the buckets read by a ticket are remembered within it.
 */
export class Attributor {
  private readonly buckets = new Map<string, PrefixBucketRecord | undefined>();

  constructor(private readonly stub: Stub) {}

  /** Manufacturer id owning `gtin`, or `null` when unattributed. */
  async manufacturerOf(gtin: string): Promise<string | null> {
    const space = companyPrefixSpace(gtin);
    if (space === undefined) return null;
    const bucket = await this.bucket(space);
    if (bucket === undefined) return null;
    for (const length of prefixLengths(bucket)) {
      const owner = bucket.prefixes[space.slice(0, length)];
      if (owner !== undefined) return owner;
    }
    return null;
  }

  private async bucket(space: string): Promise<PrefixBucketRecord | undefined> {
    const key = keys.prefixBucket(this.stub, space);
    if (!this.buckets.has(key)) {
      this.buckets.set(key, await getSharedRecord<PrefixBucketRecord>(this.stub, key));
    }
    return this.buckets.get(key);
  }
}

/** The lengths of a bucket's prefixes, longest first, by bucket (shared records are frozen). */
const lengthsByBucket = new WeakMap<PrefixBucketRecord, readonly number[]>();

/**
 * The prefix lengths worth trying for a bucket: usually one or two, where
 * trying every length from 12 down to 4 cost nine lookups a line.
 */
function prefixLengths(bucket: PrefixBucketRecord): readonly number[] {
  let lengths = lengthsByBucket.get(bucket);
  if (lengths === undefined) {
    const present = new Set<number>();
    for (const prefix in bucket.prefixes) present.add(prefix.length);
    lengths = [...present].sort((a, b) => b - a);
    lengthsByBucket.set(bucket, lengths);
  }
  return lengths;
}

/**
 * Records `manufacturerId` as owner of `prefixes`.
 * @throws {ContractError} INVALID_ARGUMENT for a restricted prefix or two
 * overlapping prefixes in the request; CONFLICT when a prefix overlaps one
 * already claimed (one is the start of the other), whoever owns it.
 */
export async function claimPrefixes(
  stub: Stub,
  manufacturerId: string,
  prefixes: readonly string[],
): Promise<void> {
  const problems: ErrorDetail[] = [];
  prefixes.forEach((prefix, i) => {
    if (RESTRICTED.some((r) => prefix.startsWith(r))) {
      problems.push({
        path: `/prefixes/${i}`,
        rule: 'restricted-prefix',
        message: `${prefix} is in a GS1 restricted-circulation range (02, 04, 2): it cannot be claimed`,
      });
    }
    prefixes.forEach((other, j) => {
      if (j !== i && other.startsWith(prefix)) {
        problems.push({
          path: `/prefixes/${j}`,
          rule: 'overlapping-prefix',
          message: `${other} lies inside ${prefix}, also claimed in this request`,
        });
      }
    });
  });
  if (problems.length > 0)
    throw new ContractError('INVALID_ARGUMENT', 'prefixes are invalid', problems);

  const buckets = new Map<string, Record<string, string>>();
  for (const [i, prefix] of prefixes.entries()) {
    const key = keys.prefixBucket(stub, prefix);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { ...(await getRecord<PrefixBucketRecord>(stub, key))?.prefixes };
      buckets.set(key, bucket);
    }
    for (const [claimed, owner] of Object.entries(bucket)) {
      if (claimed.startsWith(prefix) || prefix.startsWith(claimed)) {
        throw new ContractError(
          'CONFLICT',
          `prefix ${prefix} overlaps ${claimed}, owned by ${owner}`,
          [
            {
              path: `/prefixes/${i}`,
              rule: 'prefix-claimed',
              message: `overlaps ${claimed} (${owner})`,
            },
          ],
        );
      }
    }
    bucket[prefix] = manufacturerId;
  }
  for (const [key, prefixesInBucket] of buckets) {
    await putRecord(stub, key, { prefixes: prefixesInBucket } satisfies PrefixBucketRecord);
  }
}
