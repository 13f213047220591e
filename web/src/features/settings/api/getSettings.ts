import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface Settings {
  whoCanInvite: 'everyone' | 'email_required';
  autoWithdrawAfterDays: number | null;
}

export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: ({ signal }) => api<Settings>('/settings', { signal }),
  });
}
