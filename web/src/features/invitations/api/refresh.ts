import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/queryKeys';

/**
 * After any change to invitations, everything that counts or shows them is stale: the lists,
 * the My Network badge and counts, profiles (their relationship), connections, notifications.
 */
export function refreshAfterInvitationChange(client: QueryClient): Promise<unknown> {
  return Promise.all(
    [
      queryKeys.invitations,
      queryKeys.networkSummary,
      queryKeys.members,
      queryKeys.connections,
      queryKeys.notifications,
    ].map((queryKey) => client.invalidateQueries({ queryKey })),
  );
}
