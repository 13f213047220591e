import { DAY, WEEK } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import { EMAIL_GUESS_WINDOW, NO_EMAIL_GUESSES } from '../domain/trust.js';
import { decideSend, isPastTtl, ttlCutoff, type Policy } from '../domain/invitations.js';
import { normalizeEmail, normalizeNote } from '../domain/note.js';
import type { Trx } from '../storage/database.js';
import { newId, pairKey } from '../storage/ids.js';
import { pairFacts } from '../storage/repositories/blocks.js';
import { emailGuessesSince, recordEmailGuess } from '../storage/repositories/emailGuesses.js';
import {
  endPendingInvitations,
  expiredUnsweptSentCount,
  findPendingByPair,
  insertInvitation,
  lastWithdrawnAt,
  sentTimesSince,
} from '../storage/repositories/invitations.js';
import { adjustCounter, lockAndLoadMembers } from '../storage/repositories/members.js';
import type { MemberSummary } from '../domain/members.js';
import { countMutual } from '../storage/repositories/mutualCounts.js';
import { insertNotification } from '../storage/repositories/notifications.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { connectByInvitation } from './support/connect.js';
import { queueEmails } from './support/emails.js';
import { afterInvitationsEnded } from './support/endInvitations.js';
import { policyOf } from './support/policy.js';

/**
 * The sender's pending sent invitations for the cap (M3): the counter, and only when it reaches
 * the cap, less those past their time to live that no sweep has recorded yet — so the common send
 * pays nothing for the cap, and an unswept expiry never refuses one.
 */
async function pendingSentHeld(
  trx: Trx,
  sender: { id: string; pending_sent_count: number },
  policy: Policy,
  now: number,
): Promise<number> {
  if (sender.pending_sent_count < policy.maxPendingSent) return sender.pending_sent_count;
  const stale = await expiredUnsweptSentCount(trx, sender.id, ttlCutoff(now, policy.invitationTtlDays));
  return sender.pending_sent_count - stale;
}

export interface SendInvitationInput {
  recipientId: string;
  message?: string | null | undefined;
  recipientEmail?: string | null | undefined;
}

export type SendInvitationResult =
  | {
      kind: 'sent';
      invitation: {
        id: string;
        recipient: MemberSummary;
        message: string | null;
        sentAt: number;
        /** The mutual connection count stored on it (P1), counted in the send's transaction. */
        mutualCount: number;
      };
    }
  | { kind: 'connected'; member: MemberSummary; connectedAt: number };

/** A wrong email guess is refused only after the transaction that remembers it has committed. */
type Outcome = SendInvitationResult | { kind: 'refused'; refusal: DomainError };

/**
 * Connect (I1–I3, I7): send an invitation, or accept theirs when they invited first. Wrong
 * `recipientEmail` guesses are counted, and past their limits answered `rate_limited` whatever
 * the guess, so the refusals cannot be used to find out a member's address.
 */
export async function sendInvitation(
  deps: Deps,
  actor: Actor,
  input: SendInvitationInput,
): Promise<SendInvitationResult> {
  const message = normalizeNote(input.message);
  const givenEmail = input.recipientEmail?.trim() ? normalizeEmail(input.recipientEmail) : null;
  const result = await inTransaction(deps, async (trx, events): Promise<Outcome> => {
    const now = deps.clock.now();
    const members = await lockAndLoadMembers(trx, deps.dialect, [actor.id, input.recipientId]);
    const sender = members.get(actor.id);
    // A suspension that committed while this request was on its way ends it here (M4).
    if (!sender || sender.suspended_at !== null) throw new DomainError('unauthorized');
    const policy = policyOf(deps.config, sender);
    // Off only in the benchmark's baseline (Config.sendTrustChecks).
    const trust = deps.config.sendTrustChecks;
    // A suspended member reads as deleted (M4).
    const found = members.get(input.recipientId);
    const recipientRow = found && found.suspended_at === null ? found : undefined;
    const key = pairKey(actor.id, input.recipientId);

    let pending = recipientRow ? await findPendingByPair(trx, key) : undefined;
    if (pending && isPastTtl(pending.sent_at, now, policy.invitationTtlDays)) {
      // Past its time but not yet swept: record the expiry now so the pair is free again.
      const ended = await endPendingInvitations(trx, [pending.id], 'expired', now, {
        ttlMs: policy.invitationTtlDays * DAY,
      });
      await afterInvitationsEnded(deps, trx, events, ended, 'expired');
      pending = undefined;
    }
    const other = recipientRow && recipientRow.id !== actor.id;
    const between = other
      ? await pairFacts(trx, actor.id, input.recipientId, { unknownSender: trust })
      : { blocked: false, connected: false, unknownSender: false };
    const decision = decideSend(
      {
        now,
        senderId: actor.id,
        recipient: recipientRow
          ? {
              id: recipientRow.id,
              whoCanInvite: recipientRow.who_can_invite,
              emailNormalized: recipientRow.email_normalized,
            }
          : null,
        blockedEitherWay: between.blocked,
        connected: between.connected,
        pending: pending ? { id: pending.id, senderId: pending.sender_id } : null,
        markedSenderUnknown: between.unknownSender,
        senderRestrictedUntil: trust ? sender.restricted_until : null,
        pendingSent: trust ? await pendingSentHeld(trx, sender, policy, now) : 0,
        recipientEmail: givenEmail,
        emailGuesses:
          other && givenEmail !== null
            ? await emailGuessesSince(trx, actor.id, input.recipientId, now - EMAIL_GUESS_WINDOW, {
                perSender: policy.emailGuessesPerDay,
                perRecipient: policy.emailGuessesPerRecipient,
              })
            : NO_EMAIL_GUESSES,
        lastWithdrawnAt:
          other && policy.resendCooldownDays > 0 ? await lastWithdrawnAt(trx, actor.id, key) : null,
        sentTimes: other ? await sentTimesSince(trx, actor.id, now - WEEK) : [],
        senderConnections: sender.connection_count,
        recipientConnections: recipientRow?.connection_count ?? 0,
      },
      policy,
    );
    const recipient = recipientRow as NonNullable<typeof recipientRow>;

    if (decision.kind === 'wrong_email') {
      await recordEmailGuess(trx, {
        senderId: actor.id,
        recipientId: recipient.id,
        at: now,
        forgetUpTo: now - EMAIL_GUESS_WINDOW,
      });
      return { kind: 'refused', refusal: decision.refusal };
    }
    const recipientSummary = { id: recipient.id, name: recipient.name, headline: recipient.headline };

    if (decision.kind === 'accept_theirs') {
      const [accepted] = await endPendingInvitations(trx, [decision.invitationId], 'accepted', now);
      if (!accepted) throw new Error('pending invitation vanished inside its transaction');
      await connectByInvitation(deps, trx, events, accepted, now);
      return { kind: 'connected', member: recipientSummary, connectedAt: now };
    }

    const id = newId();
    const mutual =
      sender.connection_count <= recipient.connection_count
        ? await countMutual(trx, actor.id, recipient.id)
        : await countMutual(trx, recipient.id, actor.id);
    await insertInvitation(trx, {
      id,
      sender_id: actor.id,
      recipient_id: recipient.id,
      pair_key: key,
      message,
      sent_at: now,
      status: 'pending',
      ignored_at: null,
      ended_at: null,
      mutual_count: mutual.count,
      mutual_preview: mutual.preview,
    });
    await adjustCounter(trx, 'pending_sent_count', [actor.id], 1);
    await adjustCounter(trx, 'pending_received_count', [recipient.id], 1);
    const notificationId = await insertNotification(trx, {
      memberId: recipient.id,
      type: 'invitation_received',
      actorId: actor.id,
      invitationId: id,
      createdAt: now,
    });
    events.emit({ type: 'notification', memberId: recipient.id, notificationId });
    // The email, and through it the reminders that follow (N2); re-checked when it is due.
    if (recipient.email_invitation_received === 1 || recipient.email_reminders === 1) {
      await queueEmails(
        deps,
        trx,
        [
          {
            memberId: recipient.id,
            kind: 'invitation_received',
            actorId: actor.id,
            invitationId: id,
            notificationId,
          },
        ],
        now,
      );
    }
    return {
      kind: 'sent',
      invitation: { id, recipient: recipientSummary, message, sentAt: now, mutualCount: mutual.count },
    };
  });
  if (result.kind === 'refused') throw result.refusal;
  if (result.kind === 'sent') deps.metrics.countInvitations('sent');
  return result;
}
