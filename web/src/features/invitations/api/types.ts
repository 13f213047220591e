import type { ApiResponse } from '../../../lib/api';

/** The sender's view of a pending invitation. */
export type SentInvitation = ApiResponse<'/api/v1/invitations/sent'>['items'][number];

/** The recipient's view. */
export type ReceivedInvitation = ApiResponse<'/api/v1/invitations/received'>['items'][number];
