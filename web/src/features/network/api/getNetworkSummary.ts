import { useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type NetworkSummary = ApiResponse<'/api/v1/network/summary'>;

export function useNetworkSummary() {
  return useQuery({
    queryKey: queryKeys.networkSummary,
    queryFn: ({ signal }) => data(api.GET('/api/v1/network/summary', { signal })),
  });
}
