import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';
import type { Connection, SentInvitation } from './types';

export interface SendInvitationInput {
  recipientId: string;
  message?: string;
  recipientEmail?: string;
}

/** I1: 201 with the invitation, or 200 with a connection when they had already invited us (I3). */
export type SendInvitationResult = { invitation: SentInvitation } | { connection: Connection };

export function useSendInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: SendInvitationInput) =>
      api<SendInvitationResult>('/invitations', { method: 'POST', body: input }),
    onSuccess: () => refreshAfterInvitationChange(client),
  });
}
