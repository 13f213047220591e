import { DomainError } from '../domain/errors.js';
import { assertReceivedPending, assertRoomForConnection } from '../domain/invitations.js';
import type { Trx } from '../storage/database.js';
import {
  endPendingInvitations,
  findInvitation,
  sendersOfReceived,
} from '../storage/repositories/invitations.js';
import { findMemberById, lockMembers } from '../storage/repositories/members.js';
import type { MemberSummary } from '../domain/members.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';
import { connectByInvitation } from './support/connect.js';
import { invitationFacts } from './support/facts.js';
import { policyOf } from './support/policy.js';

/** Accept (I8): a connection is made and the sender is notified. */
export async function acceptInvitation(
  deps: Deps,
  actor: Actor,
  invitationId: string,
): Promise<{ member: MemberSummary; connectedAt: number }> {
  return inTransaction(deps, (trx, events) => acceptOne(deps, trx, events, actor, invitationId));
}

/** Accept several selected invitations at once (I4); those that cannot be accepted are skipped. */
export async function acceptInvitations(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ accepted: string[]; skipped: string[] }> {
  return inTransaction(deps, async (trx, events) => {
    // Every member involved, locked at once in id order before any change (see lockMembers).
    await lockMembers(trx, deps.dialect, [
      actor.id,
      ...(await sendersOfReceived(trx, actor.id, [...new Set(ids)])),
    ]);
    const accepted: string[] = [];
    const skipped: string[] = [];
    for (const id of new Set(ids)) {
      try {
        await acceptOne(deps, trx, events, actor, id);
        accepted.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        skipped.push(id);
      }
    }
    return { accepted, skipped };
  });
}

async function acceptOne(deps: Deps, trx: Trx, events: EventSink, actor: Actor, invitationId: string) {
  const policy = policyOf(deps.config);
  const now = deps.clock.now();
  const found = await findInvitation(trx, invitationId);
  if (!found || found.recipient_id !== actor.id) throw DomainError.notFound('No such invitation');
  await lockMembers(trx, deps.dialect, [found.sender_id, found.recipient_id]);
  const inv = await findInvitation(trx, invitationId);
  assertReceivedPending(invitationFacts(inv), actor.id, now, policy);
  const [sender, me] = await Promise.all([
    findMemberById(trx, found.sender_id),
    findMemberById(trx, actor.id),
  ]);
  if (!sender || !me) throw DomainError.notFound('No such invitation');
  assertRoomForConnection(
    { actor: me.connection_count, other: sender.connection_count },
    policy,
    'accepting',
  );
  const [accepted] = await endPendingInvitations(trx, [invitationId], 'accepted', now, {
    recipientId: actor.id,
  });
  if (!accepted) throw DomainError.notFound('No such invitation');
  await connectByInvitation(deps, trx, events, accepted, now);
  return { member: { id: sender.id, name: sender.name, headline: sender.headline }, connectedAt: now };
}
