/**
 * The invitation rules (I2, I3, I5, I7, I8, I9), pure: facts and the clock come in, a decision
 * comes out. No I/O here; src/commands gathers the facts and applies the decision.
 */
import { DomainError } from './errors.js';
import type { WhoCanInvite } from './members.js';
import { DAY } from './time.js';
import { emailGuessWait, emailRefusal, emailRequirement, type EmailGuesses } from './trust.js';

export type InvitationStatus = 'pending' | 'accepted' | 'withdrawn' | 'expired';

export interface InvitationFacts {
  id: string;
  senderId: string;
  recipientId: string;
  sentAt: number;
  status: InvitationStatus;
  ignoredAt: number | null;
}

export interface Policy {
  invitesPerDay: number;
  invitesPerWeek: number;
  maxConnections: number;
  resendCooldownDays: number;
  invitationTtlDays: number;
  /** M3: pending sent invitations a member may hold. */
  maxPendingSent: number;
  /** Wrong `recipientEmail` guesses a sender may make in 24 hours, in all and per recipient. */
  emailGuessesPerDay: number;
  emailGuessesPerRecipient: number;
}

/** Pending but past its time to live: lists never show it, even before the sweep records it. */
export function isPastTtl(sentAt: number, now: number, ttlDays: number): boolean {
  return sentAt <= now - ttlDays * DAY;
}

/** The oldest `sent_at` still inside its lists: anything at or before this is expired. */
export function ttlCutoff(now: number, ttlDays: number): number {
  return now - ttlDays * DAY;
}

export interface QuotaWindow {
  limit: number;
  used: number;
  /** When the oldest counted invitation leaves the window; null when nothing is counted. */
  resetsAt: number | null;
}

export interface Quota {
  day: QuotaWindow;
  week: QuotaWindow;
}

/**
 * Sending quota over rolling windows (I2, I7). `sentTimes` are the send times of every invitation
 * the member sent in the last 7 days, whatever became of them: withdrawing does not give back.
 */
export function quotaFor(sentTimes: readonly number[], now: number, policy: Policy): Quota {
  const window = (span: number, limit: number): QuotaWindow => {
    const inWindow = sentTimes.filter((t) => t > now - span);
    const oldest = inWindow.length ? Math.min(...inWindow) : null;
    return { limit, used: inWindow.length, resetsAt: oldest === null ? null : oldest + span };
  };
  return { day: window(DAY, policy.invitesPerDay), week: window(7 * DAY, policy.invitesPerWeek) };
}

/**
 * Seconds until one more invitation may be sent, or 0 when one may be sent now. When both windows
 * are full the stricter (later) one wins; within a window, a slot frees when the
 * (used − limit + 1)-th oldest send leaves it.
 */
export function quotaRetryAfter(sentTimes: readonly number[], now: number, policy: Policy): number {
  const waitFor = (span: number, limit: number): number => {
    const inWindow = sentTimes.filter((t) => t > now - span).sort((a, b) => a - b);
    if (inWindow.length < limit) return 0;
    const freeing = inWindow[inWindow.length - limit] as number;
    return freeing + span - now;
  };
  const wait = Math.max(waitFor(DAY, policy.invitesPerDay), waitFor(7 * DAY, policy.invitesPerWeek));
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/**
 * When the sender may invite this member again after withdrawing (I7, I12): null when they may
 * now. The cooldown runs from the withdrawal and only in the sender → recipient direction.
 */
export function resendAllowedAt(
  lastWithdrawnAt: number | null,
  now: number,
  cooldownDays: number,
): number | null {
  if (cooldownDays <= 0 || lastWithdrawnAt === null) return null;
  const at = lastWithdrawnAt + cooldownDays * DAY;
  return at > now ? at : null;
}

export interface SendFacts {
  now: number;
  senderId: string;
  /** Null when no such member exists. */
  recipient: { id: string; whoCanInvite: WhoCanInvite; emailNormalized: string } | null;
  blockedEitherWay: boolean;
  connected: boolean;
  /** The pending invitation between the two, in either direction, if any (already not past TTL). */
  pending: { id: string; senderId: string } | null;
  /** The recipient marked this sender "I don't know this person" (M1). */
  markedSenderUnknown: boolean;
  /** Until when the sender's invitations need the recipient's email (M3); null: not restricted. */
  senderRestrictedUntil: number | null;
  /** The sender's pending sent invitations (the counter). */
  pendingSent: number;
  /** The email the sender gave, normalized; null when none was given. */
  recipientEmail: string | null;
  /** The sender's recent wrong email guesses (see emailGuessWait); empty when no email was given. */
  emailGuesses: EmailGuesses;
  /** When this sender last withdrew an invitation to this recipient (for the resend cooldown). */
  lastWithdrawnAt: number | null;
  sentTimes: readonly number[];
  senderConnections: number;
  recipientConnections: number;
}

export type SendDecision =
  | { kind: 'send' }
  | { kind: 'accept_theirs'; invitationId: string }
  | { kind: 'wrong_email'; refusal: DomainError };

/**
 * Decides what "Connect" does, or throws the refusal with its stable code (I2, I3, I7). The one
 * refusal it returns instead is a wrong `recipientEmail`: that guess must be remembered, in the
 * transaction that refuses it, before the refusal is answered.
 */
export function decideSend(facts: SendFacts, policy: Policy): SendDecision {
  const { recipient } = facts;
  if (recipient && recipient.id === facts.senderId) {
    throw new DomainError('cannot_invite_self', 'You cannot send an invitation to yourself');
  }
  // A block reads exactly like "no such member" to the sender.
  if (!recipient || facts.blockedEitherWay) throw DomainError.notFound('No such member');
  if (facts.connected)
    throw new DomainError('already_connected', 'You are already connected with this member');
  if (facts.pending) {
    if (facts.pending.senderId === facts.senderId) {
      throw new DomainError(
        'invitation_already_pending',
        'You already have a pending invitation to this member',
      );
    }
    // They invited us first: inviting back accepts theirs (I3). It sends nothing, so no quota or
    // email applies, but both sides must have room for one more connection.
    assertRoomForConnection(
      { actor: facts.senderConnections, other: facts.recipientConnections },
      policy,
      'sending',
    );
    return { kind: 'accept_theirs', invitationId: facts.pending.id };
  }
  const requirement = emailRequirement({
    recipientRequiresEmail: recipient.whoCanInvite === 'email_required',
    recipientMarkedSenderUnknown: facts.markedSenderUnknown,
    senderRestrictedUntil: facts.senderRestrictedUntil,
    now: facts.now,
  });
  if (requirement.required && facts.recipientEmail !== null) {
    // Before the email is compared, so the answer says nothing about this guess.
    const wait = emailGuessWait(facts.emailGuesses, facts.now, {
      perSender: policy.emailGuessesPerDay,
      perRecipient: policy.emailGuessesPerRecipient,
    });
    if (wait > 0) {
      throw new DomainError(
        'rate_limited',
        'Too many invitations with a wrong email address; try again later',
        { retryAfterSeconds: wait / 1000 },
      );
    }
  }
  const refusal = emailRefusal(requirement, facts.recipientEmail, recipient.emailNormalized);
  if (refusal && facts.recipientEmail !== null) return { kind: 'wrong_email', refusal };
  if (refusal) throw refusal;
  const cooldownEnds = resendAllowedAt(facts.lastWithdrawnAt, facts.now, policy.resendCooldownDays);
  if (cooldownEnds !== null) {
    throw new DomainError(
      'resend_cooldown',
      'You withdrew an invitation to this member recently; wait before inviting again',
      {
        retryAfterSeconds: (cooldownEnds - facts.now) / 1000,
      },
    );
  }
  if (facts.pendingSent >= policy.maxPendingSent) {
    throw new DomainError(
      'too_many_pending',
      `You have ${facts.pendingSent} pending invitations, the most you may hold; withdraw old ones (Sent tab: Withdraw older) to send more`,
    );
  }
  const retryAfter = quotaRetryAfter(facts.sentTimes, facts.now, policy);
  if (retryAfter > 0) {
    throw new DomainError(
      'invitation_limit_reached',
      'You have sent as many invitations as allowed for now',
      {
        retryAfterSeconds: retryAfter,
      },
    );
  }
  assertRoomForConnection(
    { actor: facts.senderConnections, other: facts.recipientConnections },
    policy,
    'sending',
  );
  return { kind: 'send' };
}

/**
 * The connection cap (I2, I8): a new connection needs room on both sides, whether it comes from
 * sending (inviting back accepts theirs) or from accepting. `connections` are the acting
 * member's and the other member's current counts; `when` only words the refusal.
 */
export function assertRoomForConnection(
  connections: { actor: number; other: number },
  policy: Pick<Policy, 'maxConnections'>,
  when: 'sending' | 'accepting',
): void {
  const max = policy.maxConnections;
  if (when === 'accepting') {
    if (connections.actor >= max || connections.other >= max) {
      throw new DomainError('connection_limit_reached', `A member can have at most ${max} connections`);
    }
    return;
  }
  if (connections.actor >= max) {
    throw new DomainError('connection_limit_reached', `You have reached the limit of ${max} connections`);
  }
  if (connections.other >= max) {
    throw new DomainError('connection_limit_reached', 'This member cannot accept more connections');
  }
}

export type WithdrawDecision = 'withdraw' | 'already_withdrawn';

/** Withdraw (I5): only the sender, only while pending; a second withdrawal is harmless. */
export function decideWithdraw(
  inv: InvitationFacts | undefined,
  actorId: string,
  now: number,
  policy: Policy,
): WithdrawDecision {
  if (!inv || inv.senderId !== actorId) throw DomainError.notFound('No such invitation');
  if (inv.status === 'withdrawn') return 'already_withdrawn';
  if (inv.status !== 'pending' || isPastTtl(inv.sentAt, now, policy.invitationTtlDays)) {
    throw new DomainError(
      'invitation_not_pending',
      inv.status === 'accepted' ? 'This invitation was already accepted' : 'This invitation has expired',
    );
  }
  return 'withdraw';
}

/**
 * Accept or ignore (I8): only the recipient, only while pending and not ignored. Anything else is
 * "not found" to the recipient, so a withdrawn invitation leaves no trace.
 */
export function assertReceivedPending(
  inv: InvitationFacts | undefined,
  actorId: string,
  now: number,
  policy: Policy,
): InvitationFacts {
  if (
    !inv ||
    inv.recipientId !== actorId ||
    inv.status !== 'pending' ||
    inv.ignoredAt !== null ||
    isPastTtl(inv.sentAt, now, policy.invitationTtlDays)
  ) {
    throw DomainError.notFound('No such invitation');
  }
  return inv;
}

export type Relationship = 'self' | 'none' | 'invitation_sent' | 'invitation_received' | 'connected';

/** What a profile shows the viewer (A2); an ignored invitation reads `none` to its recipient. */
export function relationshipOf(
  viewerId: string,
  memberId: string,
  connected: boolean,
  pending: { id: string; senderId: string; ignoredAt: number | null } | null,
): { relationship: Relationship; invitationId: string | null } {
  if (viewerId === memberId) return { relationship: 'self', invitationId: null };
  if (connected) return { relationship: 'connected', invitationId: null };
  if (pending) {
    if (pending.senderId === viewerId) return { relationship: 'invitation_sent', invitationId: pending.id };
    if (pending.ignoredAt === null) return { relationship: 'invitation_received', invitationId: pending.id };
  }
  return { relationship: 'none', invitationId: null };
}

/** The outcome the sender knows (I10): never "ignored". */
export function outcomeForSender(
  status: InvitationStatus,
  sentAt: number,
  now: number,
  ttlDays: number,
): InvitationStatus {
  if (status === 'pending' && isPastTtl(sentAt, now, ttlDays)) return 'expired';
  return status;
}
