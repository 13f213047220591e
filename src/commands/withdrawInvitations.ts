import { DAY } from '../clock.js';
import { ttlCutoff } from '../domain/invitations.js';
import { chunk } from '../storage/chunk.js';
import type { Trx } from '../storage/database.js';
import { endPendingInvitations } from '../storage/repositories/invitations.js';
import { lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { afterInvitationsEnded } from './support/endInvitations.js';

export type BulkWithdrawInput = { ids: string[] } | { olderThanDays: number };

/**
 * Bulk withdraw (I6): selected rows, or every pending invitation older than N days, in one
 * transaction of set-based statements. Ids that are not the caller's pending invitations are
 * reported as skipped, never as an error, so a stale page cannot make the whole action fail.
 */
export async function withdrawInvitations(
  deps: Deps,
  actor: Actor,
  input: BulkWithdrawInput,
): Promise<{ withdrawn: string[]; skipped: string[] }> {
  return inTransaction(deps, async (trx, events) => {
    const now = deps.clock.now();
    const cutoff = ttlCutoff(now, deps.config.invitationTtlDays);
    const candidates =
      'ids' in input
        ? await pendingOf(trx, actor.id, [...new Set(input.ids)], cutoff)
        : await pendingOlderThan(trx, actor.id, now - input.olderThanDays * DAY, cutoff);
    await lockMembers(trx, deps.dialect, [actor.id, ...candidates.map((c) => c.recipient_id)]);
    const ended = await endPendingInvitations(
      trx,
      candidates.map((c) => c.id),
      'withdrawn',
      now,
      { senderId: actor.id },
    );
    await afterInvitationsEnded(deps, trx, events, ended, 'withdrawn');
    const withdrawn = new Set(ended.map((e) => e.id));
    const requested = 'ids' in input ? [...new Set(input.ids)] : candidates.map((c) => c.id);
    return {
      withdrawn: requested.filter((id) => withdrawn.has(id)),
      skipped: requested.filter((id) => !withdrawn.has(id)),
    };
  });
}

async function pendingOf(trx: Trx, senderId: string, ids: string[], cutoff: number) {
  const rows: { id: string; recipient_id: string }[] = [];
  for (const part of chunk(ids)) {
    rows.push(
      ...(await trx
        .selectFrom('invitations')
        .select(['id', 'recipient_id'])
        .where('id', 'in', part)
        .where('sender_id', '=', senderId)
        .where('status', '=', 'pending')
        .where('sent_at', '>', cutoff)
        .execute()),
    );
  }
  return rows;
}

function pendingOlderThan(trx: Trx, senderId: string, sentAtOrBefore: number, cutoff: number) {
  return trx
    .selectFrom('invitations')
    .select(['id', 'recipient_id'])
    .where('sender_id', '=', senderId)
    .where('status', '=', 'pending')
    .where('sent_at', '<=', sentAtOrBefore)
    .where('sent_at', '>', cutoff)
    .execute();
}
