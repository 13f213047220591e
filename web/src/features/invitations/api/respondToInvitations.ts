import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export type Response = 'accept' | 'ignore';

export interface BulkResponseResult {
  done: string[];
  skipped: string[];
}

/** Accept or ignore the selected received invitations in one request (POST /invitations/accept|ignore). */
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
      const result = await api<{ accepted?: string[]; ignored?: string[]; skipped: string[] }>(
        `/invitations/${response}`,
        { method: 'POST', body: { ids } },
      );
      return {
        done: (response === 'accept' ? result.accepted : result.ignored) ?? [],
        skipped: result.skipped,
      };
    },
    onSuccess: (result) => {
      removeFromPages(client, queryKeys.receivedInvitations, new Set(result.done));
      void refreshAfterInvitationChange(client);
    },
  });
}
