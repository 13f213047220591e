import { Navigate, useParams } from 'react-router-dom';
import { InvitationManager } from '../../features/invitations/components/InvitationManager';
import { useNetworkSummary } from '../../features/network/api/getNetworkSummary';

/** /mynetwork/invitation-manager/:tab, with the pending counts in the tab names. */
export function InvitationManagerRoute() {
  const { tab } = useParams();
  const summary = useNetworkSummary().data;
  if (tab !== 'received' && tab !== 'sent')
    return <Navigate to="/mynetwork/invitation-manager/received" replace />;
  return (
    <InvitationManager
      tab={tab}
      counts={summary ? { received: summary.invitationsReceived, sent: summary.invitationsSent } : undefined}
    />
  );
}
