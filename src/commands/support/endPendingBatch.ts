import { DAY } from '../../domain/time.js';
import type { Trx } from '../../storage/database.js';
import { endPendingInvitations } from '../../storage/repositories/invitations.js';
import { lockMembers } from '../../storage/repositories/members.js';
import type { PendingCandidate } from '../../storage/repositories/sweep.js';
import { inTransaction, type Deps } from '../deps.js';
import { afterInvitationsEnded } from './endInvitations.js';

/**
 * Ends one batch of the sweep's pending invitations in its own transaction, with the bookkeeping
 * every ended invitation shares (counters, the recipient's notification, live removal). `keep`
 * may narrow the batch once its members are locked. Returns how many this call ended: a row
 * another sweep ended first is not counted twice.
 */
export async function endPendingBatch(
  deps: Deps,
  batch: readonly PendingCandidate[],
  status: 'expired' | 'withdrawn',
  now: number,
  keep: (trx: Trx, batch: readonly PendingCandidate[]) => Promise<PendingCandidate[]> = async (_, b) => [
    ...b,
  ],
): Promise<number> {
  return inTransaction(deps, async (trx, events) => {
    await lockMembers(
      trx,
      deps.dialect,
      batch.flatMap((i) => [i.sender_id, i.recipient_id]),
    );
    const ids = (await keep(trx, batch)).map((i) => i.id);
    const ended = await endPendingInvitations(trx, ids, status, now, {
      ttlMs: deps.config.invitationTtlDays * DAY,
    });
    await afterInvitationsEnded(deps, trx, events, ended, status);
    return ended.length;
  });
}
