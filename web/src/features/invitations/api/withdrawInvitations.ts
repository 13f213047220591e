import { useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody, type ApiResponse } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export type BulkWithdrawInput = ApiRequestBody<'/api/v1/invitations/withdraw', 'post'>;

export type BulkWithdrawResult = ApiResponse<'/api/v1/invitations/withdraw', 'post'>;

/** I6: withdraw the selected rows, or everything older than an age, in one request. */
export function useWithdrawInvitations() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: BulkWithdrawInput) => data(api.POST('/api/v1/invitations/withdraw', { body: input })),
    onSuccess: (result) => {
      removeFromPages(client, queryKeys.sentInvitationsAll, new Set(result.withdrawn));
      void refreshAfterInvitationChange(client);
    },
  });
}
