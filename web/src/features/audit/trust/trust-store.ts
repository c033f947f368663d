/**
 * What the auditor's browser keeps between visits, in IndexedDB (idb-keyval): the node key the
 * auditor pinned, and per key (by fingerprint) the last head verified with it. IndexedDB rather
 * than localStorage: structured values, and it is the store the issue names. Nothing here is a
 * secret; it is what the browser trusts, so only the explorer's own code writes it.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** How the pinned key reached the browser: from the auditor, or from the server itself. */
export type KeySource = 'pasted' | 'file' | 'tofu';

export interface PinnedKey {
  /** The PEM, as `eter pubkey` prints it. */
  readonly pem: string;
  readonly source: KeySource;
  /** ISO 8601. */
  readonly pinnedAt: string;
}

/** A signed head this browser verified, kept exactly as served (header text and signature). */
export interface RememberedHead {
  readonly header: string;
  readonly signature: string;
  readonly block: number;
  readonly logSize: number;
  /** ISO 8601. */
  readonly verifiedAt: string;
}

/** The database and object store, named for the tests that seed them (test/web/auditor.test.ts). */
export const TRUST_DB = 'eter-audit';
export const TRUST_STORE = 'trust';
const PINNED_KEY = 'pinned-key';
const headKey = (fingerprint: string) => `head:${fingerprint}`;

let store: UseStore | undefined;
/** Opened on first use, not on import. */
function trustStore(): UseStore {
  store ??= createStore(TRUST_DB, TRUST_STORE);
  return store;
}

export async function readPinnedKey(): Promise<PinnedKey | null> {
  return (await get<PinnedKey>(PINNED_KEY, trustStore())) ?? null;
}

export function writePinnedKey(key: PinnedKey): Promise<void> {
  return set(PINNED_KEY, key, trustStore());
}

/** Unpins the key; the heads remembered for it stay, should the same key be pinned again. */
export function forgetPinnedKey(): Promise<void> {
  return del(PINNED_KEY, trustStore());
}

export async function readRememberedHead(fingerprint: string): Promise<RememberedHead | null> {
  return (await get<RememberedHead>(headKey(fingerprint), trustStore())) ?? null;
}

export function rememberHead(fingerprint: string, head: RememberedHead): Promise<void> {
  return set(headKey(fingerprint), head, trustStore());
}
