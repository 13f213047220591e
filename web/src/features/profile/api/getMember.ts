import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Member } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Relationship = 'self' | 'none' | 'invitation_sent' | 'invitation_received' | 'connected';

export interface MemberProfile {
  member: Member;
  relationship: Relationship;
  invitationId: string | null;
  connectionCount: number;
  /** With a resend cooldown: when I may invite this member again after withdrawing (I12). */
  canInviteAt?: string | null;
}

export function useMemberProfile(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.member(id),
    queryFn: ({ signal }) => api<MemberProfile>(`/members/${encodeURIComponent(id)}`, { signal }),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });
}
