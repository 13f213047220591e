import { useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Quota = ApiResponse<'/api/v1/invitations/quota'>;

export function useQuota({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: queryKeys.quota,
    queryFn: ({ signal }) => data(api.GET('/api/v1/invitations/quota', { signal })),
  });
}
