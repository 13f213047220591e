import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface NetworkSummary {
  connections: number;
  invitationsReceived: number;
  invitationsSent: number;
}

export function useNetworkSummary() {
  return useQuery({
    queryKey: queryKeys.networkSummary,
    queryFn: ({ signal }) => api<NetworkSummary>('/network/summary', { signal }),
  });
}
