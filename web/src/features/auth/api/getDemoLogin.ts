import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api';

export interface DemoLogin {
  email: string;
  password: string;
}

/** The demo login when the server runs with demo members; null on a real network. */
export function useDemoLogin() {
  return useQuery({
    queryKey: ['auth', 'demo'],
    queryFn: async (): Promise<DemoLogin | null> => {
      try {
        return await api<DemoLogin>('/auth/demo');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}
