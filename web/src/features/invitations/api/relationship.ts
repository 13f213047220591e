import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/queryKeys';

export type Relationship = 'self' | 'none' | 'invitation_sent' | 'invitation_received' | 'connected';

/**
 * Updates the cached GET /members/:id answer at once, so the profile's button changes in the
 * same render as the dialog closes (and focus lands on the new button), before the refetch.
 */
export function setRelationship(
  client: QueryClient,
  memberId: string,
  relationship: Relationship,
  invitationId: string | null,
): void {
  client.setQueryData<{ relationship: Relationship; invitationId: string | null }>(
    queryKeys.member(memberId),
    (profile) => profile && { ...profile, relationship, invitationId },
  );
}
