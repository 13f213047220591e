import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { Member } from '../../../lib/api';
import { useAcceptInvitation } from '../api/acceptInvitation';
import { useIgnoreInvitation } from '../api/ignoreInvitation';

interface RespondButtonsProps {
  invitationId: string;
  sender: Member;
  /** Answered; `message` says what happened, for the status region. */
  onDone: (message: string) => void;
  /** The element that names the invitation, for the buttons' descriptions. */
  describedBy?: string;
}

/** Accept / Ignore outside the Received tab (on a notification), with the tab's outcomes. */
export function RespondButtons({ invitationId, sender, onDone, describedBy }: RespondButtonsProps) {
  const accept = useAcceptInvitation();
  const ignore = useIgnoreInvitation();
  return (
    <div className="respond">
      <div className="respond__buttons">
        <Button
          size="small"
          variant="primary"
          pending={accept.isPending}
          disabled={ignore.isPending}
          aria-describedby={describedBy}
          onClick={() =>
            accept.mutate(invitationId, {
              onSuccess: () => onDone(`Invitation accepted. You and ${sender.name} are now connected.`),
            })
          }
        >
          Accept
        </Button>
        <Button
          size="small"
          variant="quiet"
          pending={ignore.isPending}
          disabled={accept.isPending}
          aria-describedby={describedBy}
          onClick={() => ignore.mutate(invitationId, { onSuccess: () => onDone('Invitation ignored') })}
        >
          Ignore
        </Button>
      </div>
      {accept.isError && <ErrorMessage error={accept.error} />}
      {ignore.isError && <ErrorMessage error={ignore.error} />}
    </div>
  );
}
