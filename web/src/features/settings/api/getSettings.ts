import { useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Settings = ApiResponse<'/api/v1/settings'>;

export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: ({ signal }) => data(api.GET('/api/v1/settings', { signal })),
  });
}
