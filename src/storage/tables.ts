/**
 * Row types, one per table. Times are integer milliseconds since the epoch in every dialect
 * (BIGINT on PostgreSQL, parsed to number), so comparisons and arithmetic are portable.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { InvitationStatus } from '../domain/invitations.js';
import type { WhoCanInvite } from '../domain/members.js';

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
  /** 1 for moderators (`rapport admin grant`), else 0. */
  is_moderator: Generated<number>;
  /** Set while suspended (M4): to everyone else the member reads as deleted. */
  suspended_at: number | null;
  /** Until then every invitation the member sends needs the recipient's email (M3). */
  restricted_until: number | null;
  /** Per-member sending limits set by a moderator; null: the configuration's. */
  invites_per_day: number | null;
  invites_per_week: number | null;
  max_pending_sent: number | null;
  /** Email switches (N2), 1 on / 0 off: integers so both dialects read them alike. */
  email_invitation_received: Generated<number>;
  email_invitation_accepted: Generated<number>;
  email_reminders: Generated<number>;
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
  /**
   * Connections the two members share while pending (P1), kept with every change to
   * `connections` (storage/repositories/mutualCounts.ts); not meaningful once ended.
   */
  mutual_count: Generated<number>;
  /**
   * The ids of the first three of those shared connections, in id order, comma-joined, or null
   * when not stored (a list page then walks for them). Stored by a send and by a connection
   * added; cleared by a connection removed (mutualCounts.ts). Read only while mutual_count > 0.
   */
  mutual_preview: Generated<string | null>;
}

export interface ConnectionsTable {
  member_id: string;
  other_id: string;
  connected_at: number;
}

/** A suspended member's connections, both rows of each, held until the suspension is lifted (M4). */
export interface SuspendedConnectionsTable {
  suspended_id: string;
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

/** P2: a member said "Not interested" to this suggestion; it is not made again. */
export interface SuggestionDismissalsTable {
  member_id: string;
  dismissed_id: string;
  created_at: number;
}

export interface LoginFailuresTable {
  id: string;
  email_normalized: string;
  /** Where the attempt came from (the request's client address; '' on rows from before). */
  client_address: string;
  at: number;
}

/** A wrong `recipientEmail` guess: counted against its sender for 24 hours. */
export interface EmailGuessesTable {
  id: string;
  sender_id: string;
  recipient_id: string;
  at: number;
}

/** "I don't know this person" (M1): from then on `sender_id` needs `member_id`'s email. */
export interface UnknownSendersTable {
  member_id: string;
  sender_id: string;
  created_at: number;
}

/** A member's standing (M3), one row per UTC day (`day` = epoch ms / 86,400,000, floored). */
export interface StandingDaysTable {
  member_id: string;
  day: number;
  sent: number;
  accepted: number;
  /** "I don't know this person" marks on this member's invitations. */
  dont_know: number;
  /** Reports on this member's invitations. */
  invitation_reports: number;
  /** Reports on this member themself. */
  member_reports: number;
}

export type ReportReason = 'spam' | 'harassment' | 'fake' | 'other';
export type ReportResolution = 'dismiss' | 'restrict' | 'suspend';

export interface ReportsTable {
  id: string;
  reporter_id: string;
  reported_id: string;
  invitation_id: string | null;
  reason: ReportReason;
  comment: string | null;
  created_at: number;
  status: 'open' | 'resolved';
  resolved_at: number | null;
  resolved_by: string | null;
  resolution: ReportResolution | null;
  snapshot_reporter_name: string;
  snapshot_reported_name: string;
  snapshot_message: string | null;
  snapshot_sent_at: number | null;
}

export type AuditAction =
  'grant' | 'revoke' | 'dismiss' | 'restrict' | 'suspend' | 'unsuspend' | 'set_limits' | 'auto_restrict';

/** Append-only (triggers refuse UPDATE and DELETE); names are kept as they were at the time. */
export interface AuditLogTable {
  id: string;
  at: number;
  /** Null when the operator acted from the command line, or the automatic rule did. */
  moderator_id: string | null;
  moderator_name: string | null;
  action: AuditAction;
  target_id: string | null;
  target_name: string | null;
  reason: string | null;
  report_id: string | null;
}

export type EmailKind =
  'invitation_received' | 'invitation_accepted' | 'invitation_reminder' | 'stale_invitations_reminder';

/** One email still to send (N2); removed once sent or dropped. */
export interface EmailOutboxTable {
  id: string;
  /** Whom the email is for. */
  member_id: string;
  kind: EmailKind;
  /** The other member it is about: the sender of an invitation, or who accepted one. */
  actor_id: string | null;
  invitation_id: string | null;
  /** The in-app notification it repeats: read in the app means already seen, so not emailed. */
  notification_id: string | null;
  /** Reminders: 1 for the first, 2 for the second. */
  step: Generated<number>;
  /** pending, or failed (given up on after retries, or refused for good by the mail server). */
  status: Generated<'pending' | 'failed'>;
  /** When it may be sent: its due time, then a claim's lease or the next retry. */
  due_at: number;
  first_due_at: number;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: number;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface Database {
  members: MembersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  connections: ConnectionsTable;
  blocks: BlocksTable;
  notifications: NotificationsTable;
  login_failures: LoginFailuresTable;
  email_guesses: EmailGuessesTable;
  unknown_senders: UnknownSendersTable;
  standing_days: StandingDaysTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  email_outbox: EmailOutboxTable;
  server_secrets: ServerSecretsTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  suspended_connections: SuspendedConnectionsTable;
}

export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type ReportRow = Selectable<ReportsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type NewConnection = Insertable<ConnectionsTable>;
export type NewBlock = Insertable<BlocksTable>;
export type OutboxRow = Selectable<EmailOutboxTable>;
export type NewOutboxRow = Insertable<EmailOutboxTable>;
