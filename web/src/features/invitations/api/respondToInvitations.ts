import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export type Response = 'accept' | 'ignore' | 'dont-know';

export interface BulkResponseResult {
  done: string[];
  skipped: string[];
}

/** Accept, ignore or "don't know" the selected received invitations in one request (POST /invitations/accept|ignore). */
export function useRespondToInvitations() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: async ({
      response,
      ids,
    }: {
      response: Response;
      ids: string[];
    }): Promise<BulkResponseResult> => {
      if (response === 'accept') {
        const result = await data(api.POST('/api/v1/invitations/accept', { body: { ids } }));
        return { done: result.accepted, skipped: result.skipped };
      }
      if (response === 'dont-know') {
        const result = await data(api.POST('/api/v1/invitations/dont-know', { body: { ids } }));
        return { done: result.marked, skipped: result.skipped };
      }
      const result = await data(api.POST('/api/v1/invitations/ignore', { body: { ids } }));
      return { done: result.ignored, skipped: result.skipped };
    },
    onSuccess: (result) => {
      removeFromPages(client, queryKeys.receivedInvitations, new Set(result.done));
      void refreshAfterInvitationChange(client);
    },
  });
}
