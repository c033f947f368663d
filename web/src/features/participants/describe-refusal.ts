import { ApiError } from '../../lib/api-client';
import type { I18n } from '../../lib/i18n/i18n';

/**
 * A refusal of the registry, in the reader's language: the contract's
 * rules when it names them (a prefix claimed, overlapping or reserved; a
 * field's schema keyword), else what the status means here (an id already
 * registered is a 409 without a rule).
 */
export function describeRefusal(i18n: I18n, error: unknown): string {
  if (error instanceof ApiError && (error.problem?.errors ?? []).length === 0) {
    if (error.status === 409) return i18n.t('participants.refused.exists');
    if (error.status === 404) return i18n.t('participants.refused.unknown');
  }
  return i18n.describeError(error);
}
