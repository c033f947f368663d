import { useI18n } from '../../../lib/i18n/i18n';
import { groupHex } from '../../audit/trust/fingerprint';
import type { TrustedKey } from '../../audit/trust/pinned-key';
import type { SaleLine } from '../api/get-sale-lines';
import { useLineProof } from '../proof/use-line-proof';

/**
 * A drill-down row's "Proof" cell: the line's proof as this browser checked it against the node
 * key pinned here. Short text, no live region per row; the details are in the title.
 */
export function ProofCell({
  manufacturerId,
  row,
  trusted,
}: {
  manufacturerId: string;
  row: SaleLine;
  trusted: TrustedKey | null | undefined;
}) {
  const { t, describeError } = useI18n();
  const proof = useLineProof(manufacturerId, row, trusted);
  const cell = (text: string, className?: string, title?: string) => (
    <span className={className} title={title} data-testid="line-proof" data-state={proof.state}>
      {text}
    </span>
  );
  switch (proof.state) {
    case 'checking':
      return cell(t('mfr.proof.checking'));
    case 'none':
      return cell(t('mfr.proof.none'));
    case 'unavailable':
      return cell(t('mfr.proof.unavailable'));
    case 'no-key':
      return cell(t('mfr.proof.noKey'));
    case 'error':
      return cell(t('mfr.proof.error'), 'verdict-bad', describeError(proof.error));
  }
  if (proof.ok)
    return cell(
      `✓ ${t('mfr.proof.verified')}`,
      'verdict-ok',
      t('mfr.proof.verifiedTitle', {
        block: proof.block,
        leaf: proof.leafIndex,
        fingerprint: groupHex(trusted?.fingerprint ?? ''),
      }),
    );
  // The explorer's reasons, but two: for a line proof, a digest not in the leaf means the line
  // disclosed is not one recorded (not a transaction's payload), and a line the row does not show.
  const reason =
    proof.code === 'line-mismatch'
      ? t('mfr.proof.lineMismatch')
      : proof.code === 'payload-mismatch'
        ? t('mfr.proof.notRecorded')
        : t(`audit.reason.${proof.code}`);
  return cell(`✗ ${t('mfr.proof.notVerified', { reason })}`, 'verdict-bad', proof.detail);
}
