import type { PendingCandidate } from '../storage/repositories/sweep.js';
import type { Deps } from './deps.js';
import { endPendingBatch } from './support/endPendingBatch.js';

/** I9: these pending invitations, sent at or before now − TTL, become `expired` (one batch). */
export async function expireInvitations(
  deps: Deps,
  batch: readonly PendingCandidate[],
  now: number,
): Promise<number> {
  return endPendingBatch(deps, batch, 'expired', now);
}
