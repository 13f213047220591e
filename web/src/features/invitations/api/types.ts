import type { Member } from '../../../lib/api';

/** The sender's view of a pending invitation. */
export interface SentInvitation {
  id: string;
  recipient: Member;
  message: string | null;
  sentAt: string;
}

/** The recipient's view. */
export interface ReceivedInvitation {
  id: string;
  sender: Member;
  message: string | null;
  sentAt: string;
}

export interface Connection {
  member: Member;
  connectedAt: string;
}
