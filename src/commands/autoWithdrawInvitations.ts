import { DAY } from '../domain/time.js';
import type { Trx } from '../storage/database.js';
import { autoWithdrawSettingsOf, type PendingCandidate } from '../storage/repositories/sweep.js';
import type { Deps } from './deps.js';
import { endPendingBatch } from './support/endPendingBatch.js';

/**
 * I9, C3: silently withdraw these pending invitations (one batch) whose senders asked to have them
 * withdrawn after N days. The setting may change between finding and locking, so the one in
 * force under the lock decides.
 */
export async function autoWithdrawInvitations(
  deps: Deps,
  batch: readonly PendingCandidate[],
  now: number,
): Promise<number> {
  const stillDue = async (trx: Trx, locked: readonly PendingCandidate[]) => {
    const settings = await autoWithdrawSettingsOf(
      trx,
      locked.map((i) => i.sender_id),
    );
    return locked.filter((i) => {
      const days = settings.get(i.sender_id);
      return days !== null && days !== undefined && i.sent_at <= now - days * DAY;
    });
  };
  return endPendingBatch(deps, batch, 'withdrawn', now, stillDue);
}
