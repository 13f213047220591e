/**
 * Row types, one per table. Times are integer milliseconds since the epoch in every dialect
 * (BIGINT on PostgreSQL, parsed to number), so comparisons and arithmetic are portable.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

export type InvitationStatus = 'pending' | 'accepted' | 'withdrawn' | 'expired';
export type WhoCanInvite = 'everyone' | 'email_required';
export type NotificationType = 'invitation_received' | 'invitation_accepted' | 'stale_invitations_reminder';

export interface MembersTable {
  id: string;
  email: string;
  email_normalized: string;
  password_hash: string;
  name: string;
  /** Lower-cased name, for case-insensitive search that behaves the same in every dialect. */
  name_lower: string;
  headline: string;
  who_can_invite: WhoCanInvite;
  auto_withdraw_after_days: number | null;
  /** Counters kept in the same transaction as the change they count. */
  connection_count: number;
  pending_sent_count: number;
  /** Pending invitations received and not ignored: what the recipient sees. */
  pending_received_count: number;
  last_stale_reminder_at: number | null;
  created_at: number;
}

export interface SessionsTable {
  token_hash: string;
  member_id: string;
  created_at: number;
  expires_at: number;
}

export interface InvitationsTable {
  id: string;
  sender_id: string;
  recipient_id: string;
  /** The two member ids in sorted order joined by ':'; unique among pending invitations. */
  pair_key: string;
  message: string | null;
  sent_at: number;
  status: InvitationStatus;
  /** Set when the recipient ignores it; the sender never learns of it. */
  ignored_at: number | null;
  ended_at: number | null;
}

export interface ConnectionsTable {
  member_id: string;
  other_id: string;
  connected_at: number;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: number;
}

export interface NotificationsTable {
  id: string;
  member_id: string;
  type: NotificationType;
  actor_id: string | null;
  invitation_id: string | null;
  /** For the stale reminder: how many invitations were pending. */
  count: number | null;
  created_at: number;
  read_at: number | null;
}

export interface LoginFailuresTable {
  id: string;
  email_normalized: string;
  at: number;
}

export interface Database {
  members: MembersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  connections: ConnectionsTable;
  blocks: BlocksTable;
  notifications: NotificationsTable;
  login_failures: LoginFailuresTable;
}

export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
