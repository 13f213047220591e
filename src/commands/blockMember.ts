import { DAY } from '../domain/time.js';
import { DomainError } from '../domain/errors.js';
import { isPastTtl } from '../domain/invitations.js';
import { pairKey } from '../storage/ids.js';
import { insertBlock } from '../storage/repositories/blocks.js';
import { deleteConnection } from '../storage/repositories/connections.js';
import { endPendingInvitations, findPendingByPair } from '../storage/repositories/invitations.js';
import { adjustCounter, lockAndLoadMembers } from '../storage/repositories/members.js';
import { deleteNotificationsBetween } from '../storage/repositories/notifications.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { afterInvitationsEnded } from './support/endInvitations.js';

/**
 * Block (C2): any connection and any pending invitation between the two go, silently, and the
 * notifications between them disappear for both. To its sender, an invitation ended by a block
 * reads `withdrawn` when the sender blocked and `expired` when the other member did (or when it
 * had outlived its time to live anyway), so a block is never announced. Blocking twice is harmless,
 * and so is blocking someone who already blocked you (the answer must not tell them apart).
 */
export async function blockMember(deps: Deps, actor: Actor, memberId: string): Promise<void> {
  if (memberId === actor.id) throw new DomainError('cannot_block_self', 'You cannot block yourself');
  await inTransaction(deps, async (trx, events) => {
    const now = deps.clock.now();
    const existing = await lockAndLoadMembers(trx, deps.dialect, [actor.id, memberId]);
    if (!existing.has(actor.id)) throw new DomainError('unauthorized');
    // A suspended member reads as deleted (M4).
    if (existing.get(memberId)?.suspended_at !== null) throw DomainError.notFound('No such member');

    await insertBlock(trx, actor.id, memberId, now);

    if (await deleteConnection(trx, actor.id, memberId)) {
      await adjustCounter(trx, 'connection_count', [actor.id, memberId], -1);
    }

    const pending = await findPendingByPair(trx, pairKey(actor.id, memberId));
    if (pending) {
      const outcome =
        pending.sender_id === actor.id && !isPastTtl(pending.sent_at, now, deps.config.invitationTtlDays)
          ? 'withdrawn'
          : 'expired';
      const ended = await endPendingInvitations(trx, [pending.id], outcome, now, {
        ttlMs: deps.config.invitationTtlDays * DAY,
      });
      await afterInvitationsEnded(deps, trx, events, ended, outcome);
    }

    for (const n of await deleteNotificationsBetween(trx, actor.id, memberId)) {
      events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
    }
  });
}
