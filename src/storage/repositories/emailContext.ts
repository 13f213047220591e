/**
 * What the mail worker reads at the moment of sending: the facts an email's truth depends on
 * (src/domain/email.ts decides) and what it shows. Read fresh for every email, never earlier.
 */
import type { EmailFacts, EmailSettings } from '../../domain/email.js';
import type { Queryable } from '../database.js';
import type { OutboxRow } from '../tables.js';
import { pairFacts } from './blocks.js';

export interface EmailContext {
  facts: EmailFacts;
  /** The member the email is for (null when the account is gone). */
  to: { id: string; email: string; name: string } | null;
  /** The other member it is about. */
  actor: { id: string; name: string; headline: string } | null;
  /** The invitation's note. */
  note: string | null;
}

export function settingsOf(row: {
  email_invitation_received: number;
  email_invitation_accepted: number;
  email_reminders: number;
}): EmailSettings {
  return {
    invitationReceived: Number(row.email_invitation_received) === 1,
    invitationAccepted: Number(row.email_invitation_accepted) === 1,
    reminders: Number(row.email_reminders) === 1,
  };
}

export async function loadEmailContext(
  db: Queryable,
  row: OutboxRow,
  stale: { staleCutoff: number; ttlCutoff: number },
): Promise<EmailContext> {
  const member = await db
    .selectFrom('members')
    .select([
      'id',
      'email',
      'name',
      'email_invitation_received',
      'email_invitation_accepted',
      'email_reminders',
      'suspended_at',
    ])
    .where('id', '=', row.member_id)
    .executeTakeFirst();
  const actor = row.actor_id
    ? await db
        .selectFrom('members')
        .select(['id', 'name', 'headline', 'suspended_at'])
        .where('id', '=', row.actor_id)
        .executeTakeFirst()
    : undefined;
  const invitation = row.invitation_id
    ? await db
        .selectFrom('invitations')
        .select(['sender_id', 'recipient_id', 'status', 'ignored_at', 'sent_at', 'message'])
        .where('id', '=', row.invitation_id)
        .executeTakeFirst()
    : undefined;
  const notification = row.notification_id
    ? await db
        .selectFrom('notifications')
        .select(['read_at'])
        .where('id', '=', row.notification_id)
        .where('member_id', '=', row.member_id)
        .executeTakeFirst()
    : undefined;
  const between =
    member && actor ? await pairFacts(db, member.id, actor.id) : { blocked: false, connected: false };
  const stalePending =
    row.kind === 'stale_invitations_reminder' && member
      ? Number(
          (
            await db
              .selectFrom('invitations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('sender_id', '=', member.id)
              .where('status', '=', 'pending')
              .where('sent_at', '<=', stale.staleCutoff)
              .where('sent_at', '>', stale.ttlCutoff)
              .executeTakeFirst()
          )?.n ?? 0,
        )
      : 0;
  return {
    facts: {
      kind: row.kind,
      member: member
        ? { id: member.id, settings: settingsOf(member), suspended: member.suspended_at !== null }
        : null,
      actorExists: Boolean(actor),
      actorSuspended: Boolean(actor && actor.suspended_at !== null),
      invitation: invitation
        ? {
            senderId: invitation.sender_id,
            recipientId: invitation.recipient_id,
            status: invitation.status,
            ignored: invitation.ignored_at !== null,
            sentAt: invitation.sent_at,
          }
        : null,
      notification: notification ? { read: notification.read_at !== null } : null,
      blockedEitherWay: between.blocked,
      connected: between.connected,
      stalePending,
    },
    to: member ? { id: member.id, email: member.email, name: member.name } : null,
    actor: actor ? { id: actor.id, name: actor.name, headline: actor.headline } : null,
    note: invitation?.message ?? null,
  };
}
