import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

interface Window {
  limit: number;
  used: number;
  resetsAt: string | null;
}

export interface Quota {
  day: Window;
  week: Window;
  /** Not in the contract: read when the server offers it, to warn about a resend cooldown. */
  resendCooldownDays?: number;
}

export function useQuota() {
  return useQuery({
    queryKey: queryKeys.quota,
    queryFn: ({ signal }) => api<Quota>('/invitations/quota', { signal }),
  });
}
