import { useQuery } from '@tanstack/react-query';
import { api, ApiError, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type MemberProfile = ApiResponse<'/api/v1/members/{id}'>;
export type Relationship = MemberProfile['relationship'];

export function useMemberProfile(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.member(id),
    queryFn: ({ signal }) => data(api.GET('/api/v1/members/{id}', { params: { path: { id } }, signal })),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });
}
