import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NetworkSummary } from '../features/network/api/getNetworkSummary';
import { removeFromPages } from '../lib/pages';
import { queryKeys } from '../lib/queryKeys';

/**
 * Listens to the notification stream for as long as someone is signed in, and keeps every
 * open page true: a new invitation appears in Received, a withdrawn one silently vanishes
 * (no message, no trace), and the badges follow.
 */
export function LiveUpdates() {
  const client = useQueryClient();

  useEffect(() => {
    const source = new EventSource('/api/v1/notifications/stream');
    const refresh = (...keys: (readonly unknown[])[]) => {
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    };
    let connectedBefore = false;

    const onOpen = () => {
      // After a reconnect we may have missed events: catch up on everything they could touch.
      if (connectedBefore)
        refresh(queryKeys.invitations, queryKeys.networkSummary, queryKeys.notifications, queryKeys.members);
      connectedBefore = true;
    };
    const onNotification = (event: MessageEvent<string>) => {
      const notification = JSON.parse(event.data) as { type?: string };
      refresh(queryKeys.notifications);
      if (notification.type === 'invitation_received') {
        refresh(queryKeys.receivedInvitations, queryKeys.networkSummary, queryKeys.members);
      } else if (notification.type === 'invitation_accepted') {
        refresh(queryKeys.invitations, queryKeys.networkSummary, queryKeys.connections, queryKeys.members);
      }
    };
    const onNotificationRemoved = () => refresh(queryKeys.notifications);
    const onInvitationRemoved = (event: MessageEvent<string>) => {
      const { id } = JSON.parse(event.data) as { id: string };
      removeFromPages(client, queryKeys.receivedInvitations, new Set([id]));
      client.setQueryData<NetworkSummary>(queryKeys.networkSummary, (summary) =>
        summary ? { ...summary, invitationsReceived: Math.max(0, summary.invitationsReceived - 1) } : summary,
      );
      refresh(
        queryKeys.receivedInvitations,
        queryKeys.networkSummary,
        queryKeys.members,
        queryKeys.notifications,
      );
    };

    source.addEventListener('open', onOpen);
    source.addEventListener('notification', onNotification);
    source.addEventListener('notification_removed', onNotificationRemoved);
    source.addEventListener('invitation_removed', onInvitationRemoved);
    return () => source.close();
  }, [client]);

  return null;
}
