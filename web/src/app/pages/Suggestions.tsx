import { useQueryClient } from '@tanstack/react-query';
import { setRelationship } from '../../features/invitations/api/relationship';
import { ConnectDialog } from '../../features/invitations/components/ConnectDialog';
import { PeopleYouMayKnow } from '../../features/network/components/PeopleYouMayKnow';

/** People you may know, with the invitations feature's Connect dialog (the profile's). */
export function Suggestions({ limit }: { limit: number }) {
  const client = useQueryClient();
  return (
    <PeopleYouMayKnow
      limit={limit}
      renderConnectDialog={({ member, open, onClose, onSent, fallbackFocus }) => (
        <ConnectDialog
          member={member}
          open={open}
          onClose={onClose}
          fallbackFocus={fallbackFocus}
          onSent={(result) => {
            if ('connection' in result) {
              setRelationship(client, member.id, 'connected', null);
              onSent('connected');
            } else {
              setRelationship(client, member.id, 'invitation_sent', result.invitation.id);
              onSent('invited');
            }
          }}
        />
      )}
    />
  );
}
