import { useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Insights = ApiResponse<'/api/v1/invitations/insights'>;
export type WeekStats = Insights['weekly'][number];

export function useInsights(weeks = 12) {
  return useQuery({
    queryKey: [...queryKeys.insights, weeks],
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/invitations/insights', { params: { query: { weeks } }, signal })),
  });
}
