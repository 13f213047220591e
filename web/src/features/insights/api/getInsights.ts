import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface WeekStats {
  weekStart: string;
  sent: number;
  accepted: number;
  withdrawn: number;
  expired: number;
}

export interface Insights {
  totals: { sent: number; accepted: number; withdrawn: number; expired: number; pending: number };
  acceptanceRate: { withNote: number | null; withoutNote: number | null };
  medianHoursToAccept: number | null;
  weekly: WeekStats[];
}

export function useInsights(weeks = 12) {
  return useQuery({
    queryKey: [...queryKeys.insights, weeks],
    queryFn: ({ signal }) => api<Insights>(withQuery('/invitations/insights', { weeks }), { signal }),
  });
}
