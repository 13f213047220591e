import { DAY } from '../domain/time.js';
import { ttlCutoff } from '../domain/invitations.js';
import {
  endPendingInvitations,
  pendingSentAmong,
  pendingSentBetween,
} from '../storage/repositories/invitations.js';
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
        ? await pendingSentAmong(trx, actor.id, [...new Set(input.ids)], cutoff)
        : await pendingSentBetween(trx, actor.id, now - input.olderThanDays * DAY, cutoff);
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
