import { useI18n } from '../../../lib/i18n/i18n';
import { describeRefusal } from '../describe-refusal';
import { useSetStatus, type Participant, type ParticipantKind } from '../api/participants';

/** Suspends an active participant, reinstates a suspended one; a refusal is said beside it. */
export function StatusButton({
  kind,
  participant,
}: {
  kind: ParticipantKind;
  participant: Participant;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const change = useSetStatus(kind);
  const suspended = participant.status === 'suspended';
  return (
    <>
      <button
        type="button"
        disabled={change.isPending}
        onClick={() =>
          change.mutate({ id: participant.id, status: suspended ? 'active' : 'suspended' })
        }
        aria-label={t(suspended ? 'participants.reinstateId' : 'participants.suspendId', {
          id: participant.id,
        })}
      >
        {t(suspended ? 'participants.reinstate' : 'participants.suspend')}
      </button>
      {change.isError && (
        <span role="alert" className="error">
          {' '}
          {describeRefusal(i18n, change.error)}
        </span>
      )}
    </>
  );
}
