/**
 * What the mail worker reads at the moment of sending: the facts an email's truth depends on
 * (src/domain/email.ts decides) and what it shows. Read fresh for the rows the worker is about to
 * send, in one statement, never earlier (see recheckMaxAgeMs in jobs/mailWorker.ts).
 */
import { sql } from 'kysely';
import type { EmailFacts, EmailSettings } from '../../domain/email.js';
import type { Queryable } from '../database.js';
import type { OutboxRow } from '../tables.js';
import { PENDING } from './invitations.js';
import { duesOf } from './outbox.js';

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

/**
 * The contexts of many rows, read in one statement at one instant, by row id. A row gone from the outbox meanwhile (its account deleted,
 * the email with it) is absent from the map.
 */
export async function loadEmailContexts(
  db: Queryable,
  rows: readonly OutboxRow[],
  stale: { staleCutoff: number; ttlCutoff: number },
): Promise<Map<string, EmailContext>> {
  const contexts = new Map<string, EmailContext>();
  if (rows.length === 0) return contexts;
  const found = await db
    .selectFrom('email_outbox as o')
    .leftJoin('members as m', 'm.id', 'o.member_id')
    .leftJoin('members as a', 'a.id', 'o.actor_id')
    .leftJoin('invitations as i', 'i.id', 'o.invitation_id')
    .leftJoin('notifications as n', (join) =>
      join.onRef('n.id', '=', 'o.notification_id').onRef('n.member_id', '=', 'o.member_id'),
    )
    .select((eb) => [
      'o.id as row_id',
      'o.kind as kind',
      'm.id as m_id',
      'm.email as m_email',
      'm.name as m_name',
      'm.email_invitation_received as m_received',
      'm.email_invitation_accepted as m_accepted',
      'm.email_reminders as m_reminders',
      'm.suspended_at as m_suspended_at',
      'a.id as a_id',
      'a.name as a_name',
      'a.headline as a_headline',
      'a.suspended_at as a_suspended_at',
      'i.id as i_id',
      'i.sender_id as i_sender_id',
      'i.recipient_id as i_recipient_id',
      'i.status as i_status',
      'i.ignored_at as i_ignored_at',
      'i.sent_at as i_sent_at',
      'i.message as i_message',
      'n.id as n_id',
      'n.read_at as n_read_at',
      eb
        .exists(
          eb
            .selectFrom('blocks as b')
            .select('b.blocker_id')
            .where((w) =>
              w.or([
                w.and([
                  w('b.blocker_id', '=', w.ref('o.member_id')),
                  w('b.blocked_id', '=', w.ref('o.actor_id')),
                ]),
                w.and([
                  w('b.blocker_id', '=', w.ref('o.actor_id')),
                  w('b.blocked_id', '=', w.ref('o.member_id')),
                ]),
              ]),
            ),
        )
        .as('blocked'),
      eb
        .exists(
          eb
            .selectFrom('connections as c')
            .select('c.member_id')
            .whereRef('c.member_id', '=', 'o.member_id')
            .whereRef('c.other_id', '=', 'o.actor_id'),
        )
        .as('connected'),
      eb
        .case()
        .when('o.kind', '=', sql.lit('stale_invitations_reminder'))
        .then(
          eb
            .selectFrom('invitations as s')
            .select((s) => s.fn.countAll<number>().as('n'))
            .whereRef('s.sender_id', '=', 'o.member_id')
            .where('s.status', '=', PENDING)
            .where('s.sent_at', '<=', stale.staleCutoff)
            .where('s.sent_at', '>', stale.ttlCutoff),
        )
        .else(sql.lit(0))
        .end()
        .as('stale_pending'),
    ])
    .where('o.due_at', 'in', duesOf(rows))
    .where(
      'o.id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  for (const r of found) {
    const member = r.m_id
      ? {
          id: r.m_id,
          email: r.m_email as string,
          name: r.m_name as string,
          settings: settingsOf({
            email_invitation_received: r.m_received as number,
            email_invitation_accepted: r.m_accepted as number,
            email_reminders: r.m_reminders as number,
          }),
          suspended: r.m_suspended_at !== null,
        }
      : null;
    const actor = r.a_id ? { id: r.a_id, name: r.a_name as string, headline: r.a_headline as string } : null;
    const both = Boolean(member && actor);
    contexts.set(r.row_id, {
      facts: {
        kind: r.kind,
        member: member ? { id: member.id, settings: member.settings, suspended: member.suspended } : null,
        actorExists: Boolean(actor),
        actorSuspended: Boolean(actor && r.a_suspended_at !== null),
        invitation: r.i_id
          ? {
              senderId: r.i_sender_id as string,
              recipientId: r.i_recipient_id as string,
              status: r.i_status as NonNullable<EmailFacts['invitation']>['status'],
              ignored: r.i_ignored_at !== null,
              sentAt: r.i_sent_at as number,
            }
          : null,
        notification: r.n_id ? { read: r.n_read_at !== null } : null,
        // SQLite answers 1/0, PostgreSQL true/false.
        blockedEitherWay: both && Boolean(Number(r.blocked)),
        connected: both && Boolean(Number(r.connected)),
        stalePending: member ? Number(r.stale_pending ?? 0) : 0,
      },
      to: member ? { id: member.id, email: member.email, name: member.name } : null,
      actor,
      note: r.i_id ? ((r.i_message as string | null) ?? null) : null,
    });
  }
  return contexts;
}
