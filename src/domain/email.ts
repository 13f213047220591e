/**
 * Email (N2), the pure rules: whether an email may still leave at the moment of sending, and
 * when the reminders about a waiting invitation are due. No I/O; the clock comes in as `now`.
 */
import { DAY } from './time.js';
import { isPastTtl } from './invitations.js';

export type EmailKind =
  'invitation_received' | 'invitation_accepted' | 'invitation_reminder' | 'stale_invitations_reminder';

/** A member's switches, one per setting of design/api.md (`email` in /settings). */
export interface EmailSettings {
  invitationReceived: boolean;
  invitationAccepted: boolean;
  reminders: boolean;
}

export type EmailSetting = keyof EmailSettings;

export const EMAIL_SETTINGS: readonly EmailSetting[] = [
  'invitationReceived',
  'invitationAccepted',
  'reminders',
];

/** Which switch governs each kind. */
export function settingFor(kind: EmailKind): EmailSetting {
  switch (kind) {
    case 'invitation_received':
      return 'invitationReceived';
    case 'invitation_accepted':
      return 'invitationAccepted';
    case 'invitation_reminder':
    case 'stale_invitations_reminder':
      return 'reminders';
  }
}

/** What the worker found true at the moment of sending, all read at one instant. */
export interface EmailFacts {
  kind: EmailKind;
  /** The member the email is for; null when the account is gone. */
  member: { id: string; settings: EmailSettings; suspended: boolean } | null;
  /** The other member it is about (sender, or who accepted); null when gone or not applicable. */
  actorExists: boolean;
  /** That other member is suspended (M4): to everyone else they read as deleted. */
  actorSuspended: boolean;
  invitation: {
    senderId: string;
    recipientId: string;
    status: 'pending' | 'accepted' | 'withdrawn' | 'expired';
    ignored: boolean;
    sentAt: number;
  } | null;
  /** The in-app notification the email repeats: null when it is gone (withdrawn, ended). */
  notification: { read: boolean } | null;
  blockedEitherWay: boolean;
  connected: boolean;
  /** Stale reminder: how many of the member's sent invitations are still stale now. */
  stalePending: number;
}

export type EmailDecision = { send: true } | { send: false; reason: DropReason };

export type DropReason =
  | 'member_gone'
  | 'actor_gone'
  | 'suspended'
  | 'setting_off'
  | 'not_pending'
  | 'ignored'
  | 'blocked'
  | 'seen'
  | 'not_connected'
  | 'nothing_stale';

export interface EmailPolicy {
  invitationTtlDays: number;
}

/**
 * The one place that decides whether an email still tells the truth (design/api.md, Email):
 * otherwise it is dropped for good. Anything else that should stop an email belongs here.
 */
export function decideEmail(facts: EmailFacts, now: number, policy: EmailPolicy): EmailDecision {
  const drop = (reason: DropReason): EmailDecision => ({ send: false, reason });
  if (!facts.member) return drop('member_gone');
  // M4: a suspended member gets no email, and one about a suspended member is not sent (they
  // read as deleted). Dropped for good: a reminder due after the suspension is lifted re-checks.
  if (facts.member.suspended || facts.actorSuspended) return drop('suspended');
  const invitationStillWaiting = (): DropReason | null => {
    const inv = facts.invitation;
    if (!inv || inv.status !== 'pending' || isPastTtl(inv.sentAt, now, policy.invitationTtlDays))
      return 'not_pending';
    if (inv.recipientId !== facts.member?.id) return 'not_pending';
    if (inv.ignored) return 'ignored';
    return null;
  };
  const unseen = (): DropReason | null => (!facts.notification || facts.notification.read ? 'seen' : null);

  let reason: DropReason | null;
  switch (facts.kind) {
    case 'invitation_received':
      reason = !facts.actorExists
        ? 'actor_gone'
        : (invitationStillWaiting() ?? (facts.blockedEitherWay ? 'blocked' : unseen()));
      break;
    case 'invitation_reminder':
      reason = !facts.actorExists
        ? 'actor_gone'
        : (invitationStillWaiting() ?? (facts.blockedEitherWay ? 'blocked' : null));
      break;
    case 'invitation_accepted':
      reason = !facts.actorExists
        ? 'actor_gone'
        : facts.blockedEitherWay
          ? 'blocked'
          : !facts.connected
            ? 'not_connected'
            : unseen();
      break;
    case 'stale_invitations_reminder':
      reason = facts.stalePending > 0 ? unseen() : 'nothing_stale';
      break;
  }
  if (reason) return drop(reason);
  if (!facts.member.settings[settingFor(facts.kind)]) return drop('setting_off');
  return { send: true };
}

/**
 * The reminder that follows an email about a received invitation (the first email is step 0,
 * reminders are 1 and 2), or null when none is due: the invitation no longer waits for an
 * answer, or every reminder of `reminderDays` has had its turn or is already past. Scheduled whether or not the
 * email before it was sent (seen in the app, switched off): a reminder is about the answer.
 */
export function nextReminder(
  facts: EmailFacts,
  step: number,
  reminderDays: readonly number[],
  now: number,
  policy: EmailPolicy,
): { step: number; dueAt: number } | null {
  if (facts.kind !== 'invitation_received' && facts.kind !== 'invitation_reminder') return null;
  const inv = facts.invitation;
  if (!facts.member || !facts.actorExists || !inv || facts.blockedEitherWay) return null;
  if (inv.status !== 'pending' || inv.ignored || inv.recipientId !== facts.member.id) return null;
  if (isPastTtl(inv.sentAt, now, policy.invitationTtlDays)) return null;
  // A reminder day already past when this email went (an imported or demo invitation, a worker
  // that was down) is skipped, not sent at once right behind it.
  for (let next = step; next < reminderDays.length; next++) {
    const dueAt = inv.sentAt + (reminderDays[next] as number) * DAY;
    if (dueAt > now) return { step: next + 1, dueAt };
  }
  return null;
}

/** Delay before the next try after `attempts` failed ones: 10 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A mail server that refuses for this long has failed the email for good. */
export const GIVE_UP_AFTER_MS = DAY;
