import { useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody, type ApiResponse } from '../../../lib/api';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export type SendInvitationInput = ApiRequestBody<'/api/v1/invitations', 'post'>;

/** I1: 201 with the invitation, or 200 with a connection when they had already invited us (I3). */
export type SendInvitationResult = ApiResponse<'/api/v1/invitations', 'post'>;

export function useSendInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: SendInvitationInput) => data(api.POST('/api/v1/invitations', { body: input })),
    onSuccess: () => refreshAfterInvitationChange(client),
  });
}
