import type { QueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

type Profile = ApiResponse<'/api/v1/members/{id}'>;
export type Relationship = Profile['relationship'];

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
  client.setQueryData<Profile>(
    queryKeys.member(memberId),
    (profile) => profile && { ...profile, relationship, invitationId },
  );
}
