/**
 * Trust and safety rules (M1–M4), pure: facts and the clock come in, a decision comes out.
 */
import { DAY } from './time.js';
import { DomainError } from './errors.js';

export const REPORT_REASONS = ['spam', 'harassment', 'fake', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const MAX_REPORT_COMMENT = 1000;
/** Standing counts what happened on the current UTC day and the 29 before it. */
export const STANDING_DAYS = 30;
/** The same reporter may not report the same member again within this long. */
export const REPORT_REPEAT_WINDOW = DAY;

/** The UTC day a moment falls in, as standing buckets are keyed. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY);
}

/** The first day bucket still inside the 30-day standing window at `now`. */
export function standingWindowStart(now: number): number {
  return dayOf(now) - (STANDING_DAYS - 1);
}

export interface Standing {
  sent30d: number;
  accepted30d: number;
  dontKnow30d: number;
  reports30d: number;
}

/**
 * M3: "don't know" marks and reports on a sender's invitations within 30 days restrict them once
 * they reach the threshold, unless a restriction is already running (it is not extended: the
 * sender is restricted once, however many reports arrive together).
 */
export function autoRestrictUntil(
  marks30d: number,
  restrictedUntil: number | null,
  now: number,
  policy: { restrictAfterDontKnow: number; restrictDays: number },
): number | null {
  if (marks30d < policy.restrictAfterDontKnow) return null;
  if (restrictedUntil !== null && restrictedUntil > now) return null;
  return now + policy.restrictDays * DAY;
}

export function isRestricted(restrictedUntil: number | null, now: number): boolean {
  return restrictedUntil !== null && restrictedUntil > now;
}

/**
 * Whether a send needs the recipient's email, and on whose account. The recipient's own
 * "email_required" setting and their "I don't know this person" mark give the same answer, so the
 * sender (and any flag derived from this, such as the Connect dialog's) cannot tell them apart;
 * the sender's own restriction is theirs to know, and says until when.
 */
export type EmailRequirement =
  | { required: false }
  | { required: true; because: 'recipient' }
  | { required: true; because: 'sender_restricted'; until: number };

export function emailRequirement(facts: {
  recipientRequiresEmail: boolean;
  recipientMarkedSenderUnknown: boolean;
  senderRestrictedUntil: number | null;
  now: number;
}): EmailRequirement {
  if (facts.recipientRequiresEmail || facts.recipientMarkedSenderUnknown) {
    return { required: true, because: 'recipient' };
  }
  if (facts.senderRestrictedUntil !== null && facts.senderRestrictedUntil > facts.now) {
    return { required: true, because: 'sender_restricted', until: facts.senderRestrictedUntil };
  }
  return { required: false };
}

/** The refusal for a send without the right email under that requirement, or null to go on. */
export function emailRefusal(
  requirement: EmailRequirement,
  givenEmail: string | null,
  recipientEmail: string,
): DomainError | null {
  if (!requirement.required || givenEmail === recipientEmail) return null;
  if (givenEmail !== null) {
    return new DomainError('invitations_restricted', 'That is not this member’s email address');
  }
  if (requirement.because === 'sender_restricted') {
    return new DomainError(
      'sender_restricted',
      `Many recent recipients did not know you, so until ${new Date(requirement.until).toISOString()} ` +
        'each invitation you send needs the recipient’s email address; add it to your invitation',
    );
  }
  return new DomainError(
    'invitations_restricted',
    'This member only accepts invitations from people who know their email address; add it to your invitation',
  );
}

/** Wrong `recipientEmail` guesses count against their sender for this long. */
export const EMAIL_GUESS_WINDOW = DAY;

/**
 * A sender's wrong email guesses in the window, oldest first: all of them, and those at this
 * recipient. Each list may stop at its limit; nothing past the limit changes the answer.
 */
export interface EmailGuesses {
  bySender: readonly number[];
  toRecipient: readonly number[];
}

export const NO_EMAIL_GUESSES: EmailGuesses = { bySender: [], toRecipient: [] };

/**
 * How long, in milliseconds, before this sender may try another email address where one is
 * needed (0: now). Without it, wrong guesses would tell a sender, one 403 at a time, which
 * address a member who asked for it uses.
 */
export function emailGuessWait(
  guesses: EmailGuesses,
  now: number,
  limits: { perSender: number; perRecipient: number },
): number {
  const waitFor = (times: readonly number[], limit: number): number => {
    const oldest = times[0];
    return times.length >= limit && oldest !== undefined ? oldest + EMAIL_GUESS_WINDOW - now : 0;
  };
  return Math.max(
    0,
    waitFor(guesses.bySender, limits.perSender),
    waitFor(guesses.toRecipient, limits.perRecipient),
  );
}

// C0 controls except \t \n \r, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** A report's comment: trimmed, at most 1000 code points, no control characters; empty is null. */
export function normalizeReportComment(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (FORBIDDEN_CONTROL.test(raw)) {
    throw DomainError.validation(
      '/comment',
      'must not contain control characters other than line breaks and tabs',
    );
  }
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const length = [...trimmed].length;
  if (length > MAX_REPORT_COMMENT) {
    throw DomainError.validation(
      '/comment',
      `must be at most ${MAX_REPORT_COMMENT} characters (got ${length})`,
    );
  }
  return trimmed;
}

/** A moderator's reason: required, trimmed, 1–1000 characters, no control characters. */
export function normalizeReason(raw: string, path = '/reason'): string {
  if (FORBIDDEN_CONTROL.test(raw)) {
    throw DomainError.validation(path, 'must not contain control characters other than line breaks and tabs');
  }
  const trimmed = raw.trim();
  if (trimmed === '') throw DomainError.validation(path, 'must not be empty');
  if ([...trimmed].length > MAX_REPORT_COMMENT) {
    throw DomainError.validation(path, `must be at most ${MAX_REPORT_COMMENT} characters`);
  }
  return trimmed;
}

/** The longest restriction a moderator may set at once (M4). */
export const MAX_RESTRICT_DAYS = 365;

/**
 * Whether a moderator may suspend this member (M4): never themselves, never another moderator
 * (the operator revokes first, from the command line), and a suspension already running is left
 * as it is (suspending twice changes nothing and logs nothing).
 */
export function decideSuspend(
  moderatorId: string,
  target: { id: string; isModerator: boolean; suspendedAt: number | null },
): 'suspend' | 'already' {
  if (target.id === moderatorId || target.isModerator) {
    throw new DomainError(
      'cannot_suspend_moderator',
      target.id === moderatorId
        ? 'You cannot suspend yourself'
        : 'This member is a moderator; the operator must revoke that first (rapport admin revoke)',
    );
  }
  return target.suspendedAt === null ? 'suspend' : 'already';
}

/** A moderator's restriction: 1–365 whole days from now (M4). */
export function restrictionUntil(days: number, now: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RESTRICT_DAYS) {
    throw DomainError.validation('/days', `must be a whole number of days from 1 to ${MAX_RESTRICT_DAYS}`);
  }
  return now + days * DAY;
}
