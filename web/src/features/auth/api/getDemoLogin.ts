import { useQuery } from '@tanstack/react-query';
import { ApiError, api, data, type ApiResponse } from '../../../lib/api';

export type DemoLogin = ApiResponse<'/api/v1/auth/demo'>;

/** The demo login when the server runs with demo members; null on a real network. */
export function useDemoLogin() {
  return useQuery({
    queryKey: ['auth', 'demo'],
    queryFn: async (): Promise<DemoLogin | null> => {
      try {
        return await data(api.GET('/api/v1/auth/demo'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}
