import { RespondButtons } from '../../features/invitations/components/RespondButtons';
import { NotificationsPage } from '../../features/notifications/components/NotificationsPage';

/** Notifications, with Accept / Ignore from invitations right on "X invited you to connect". */
export function NotificationsRoute() {
  return (
    <NotificationsPage
      renderInvitationActions={({ invitationId, sender, describedBy, onDone }) => (
        <RespondButtons
          invitationId={invitationId}
          sender={sender}
          describedBy={describedBy}
          onDone={onDone}
        />
      )}
    />
  );
}
