import { DomainError } from '../domain/errors.js';
import { assertReceivedPending, assertRoomForConnection, ttlCutoff } from '../domain/invitations.js';
import type { Trx } from '../storage/database.js';
import {
  endPendingInvitations,
  findInvitation,
  pendingReceivedAmong,
  sendersOfReceived,
} from '../storage/repositories/invitations.js';
import { connectionCountsOf, findMemberById, lockMembers } from '../storage/repositories/members.js';
import type { MemberSummary } from '../domain/members.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';
import { connectByInvitation, connectByInvitations } from './support/connect.js';
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

/**
 * Accept several selected invitations at once (I4); those that cannot be accepted are skipped.
 * Set-based, like bulk withdraw: a read of the candidates, the connection cap applied in the
 * order asked (the domain's rule, with the counts each accept before it added), then one
 * statement per kind of write for all of them — not a use case per row.
 */
export async function acceptInvitations(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ accepted: string[]; skipped: string[] }> {
  const requested = [...new Set(ids)];
  return inTransaction(deps, async (trx, events) => {
    const policy = policyOf(deps.config);
    const now = deps.clock.now();
    // Every member involved, locked at once in id order before any change (see lockMembers).
    await lockMembers(trx, deps.dialect, [actor.id, ...(await sendersOfReceived(trx, actor.id, requested))]);
    const candidates = new Map(
      (await pendingReceivedAmong(trx, actor.id, requested, ttlCutoff(now, policy.invitationTtlDays))).map(
        (c) => [c.id, c.sender_id],
      ),
    );
    const counts = new Map(
      (await connectionCountsOf(trx, [actor.id, ...candidates.values()])).map((m) => [
        m.id,
        m.connection_count,
      ]),
    );
    let mine = counts.get(actor.id);
    if (mine === undefined) return { accepted: [], skipped: requested };
    const chosen: string[] = [];
    for (const id of requested) {
      const sender = candidates.get(id);
      const theirs = sender === undefined ? undefined : counts.get(sender);
      if (theirs === undefined) continue;
      try {
        assertRoomForConnection({ actor: mine, other: theirs }, policy, 'accepting');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        continue;
      }
      chosen.push(id);
      mine += 1;
    }
    const ended = await endPendingInvitations(trx, chosen, 'accepted', now, { recipientId: actor.id });
    await connectByInvitations(deps, trx, events, ended, now);
    const done = new Set(ended.map((e) => e.id));
    return {
      accepted: requested.filter((id) => done.has(id)),
      skipped: requested.filter((id) => !done.has(id)),
    };
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
