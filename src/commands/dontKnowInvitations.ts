import { DomainError } from '../domain/errors.js';
import type { Trx } from '../storage/database.js';
import { sendersOfReceived } from '../storage/repositories/invitations.js';
import { lockMembers } from '../storage/repositories/members.js';
import { markUnknownSender } from '../storage/repositories/unknownSenders.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';
import { ignoreReceived } from './support/ignore.js';
import { countMarkAgainstSender } from './support/standing.js';

/**
 * "I don't know this person" (M1): ignores the invitation and, from then on, that sender needs the
 * caller's email to invite them — which reads to the sender exactly like the caller's own
 * "email_required" setting. The sender is told nothing; the mark counts toward their standing (M3).
 */
export async function dontKnowInvitation(deps: Deps, actor: Actor, invitationId: string): Promise<void> {
  await inTransaction(deps, (trx, events) => dontKnowOne(deps, trx, events, actor, invitationId));
}

/** The same for several selected invitations (the bulk bar); those that cannot be are skipped. */
export async function dontKnowInvitations(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ marked: string[]; skipped: string[] }> {
  return inTransaction(deps, async (trx, events) => {
    await lockMembers(trx, deps.dialect, [
      actor.id,
      ...(await sendersOfReceived(trx, actor.id, [...new Set(ids)])),
    ]);
    const marked: string[] = [];
    const skipped: string[] = [];
    for (const id of new Set(ids)) {
      try {
        await dontKnowOne(deps, trx, events, actor, id);
        marked.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        skipped.push(id);
      }
    }
    return { marked, skipped };
  });
}

async function dontKnowOne(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  actor: Actor,
  invitationId: string,
): Promise<void> {
  const now = deps.clock.now();
  const invitation = await ignoreReceived(deps, trx, events, actor, invitationId);
  await markUnknownSender(trx, actor.id, invitation.sender_id, now);
  await countMarkAgainstSender(deps, trx, invitation.sender_id, 'dont_know', now);
}
