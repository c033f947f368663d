import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicKey } from '@verifier';
import { loadVerifier } from '../verify/load-verifier';
import { fingerprintOf } from './fingerprint';
import {
  forgetPinnedKey,
  readPinnedKey,
  writePinnedKey,
  type KeySource,
  type PinnedKey,
} from './trust-store';

/** The pinned key, parsed by the verifier, with its fingerprint. */
export interface TrustedKey extends PinnedKey {
  readonly key: PublicKey;
  readonly fingerprint: string;
}

export const pinnedKeyQuery = queryOptions({
  queryKey: ['audit', 'pinned-key'],
  queryFn: async (): Promise<TrustedKey | null> => {
    const [verifier, pinned] = await Promise.all([loadVerifier(), readPinnedKey()]);
    if (pinned === null) return null;
    try {
      const key = verifier.parsePublicKey(pinned.pem);
      return { ...pinned, key, fingerprint: fingerprintOf(verifier, key) };
    } catch {
      // Checked when pinned; a stored value that no longer parses is no key at all.
      return null;
    }
  },
  staleTime: Infinity,
});

export function usePinnedKey() {
  return useQuery(pinnedKeyQuery);
}

/**
 * Pins a key. The verifier parses it first, so only an Ed25519 public key is ever pinned; its
 * `PublicKeyError` is the mutation's error. Everything verified is checked again with the new key.
 */
export function usePinKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ pem, source }: { pem: string; source: KeySource }) => {
      const verifier = await loadVerifier();
      verifier.parsePublicKey(pem);
      await writePinnedKey({ pem: pem.trim() + '\n', source, pinnedAt: new Date().toISOString() });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit', 'pinned-key'] }),
  });
}

export function useForgetKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: forgetPinnedKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit', 'pinned-key'] }),
  });
}
