import type { InvitationFacts } from '../../domain/invitations.js';
import type { InvitationRow } from '../../storage/tables.js';

/** A stored invitation as the pure rules see it. */
export function invitationFacts(row: InvitationRow | undefined): InvitationFacts | undefined {
  return (
    row && {
      id: row.id,
      senderId: row.sender_id,
      recipientId: row.recipient_id,
      sentAt: row.sent_at,
      status: row.status,
      ignoredAt: row.ignored_at,
    }
  );
}
