import { markNotificationsRead as markRead } from '../storage/repositories/notifications.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

export type MarkReadInput = { ids: string[] } | { all: true };

/**
 * Marks notifications read (N1). Only the member's own change: ids of someone else's
 * notifications, or of ones already gone, are silently ignored.
 */
export async function markNotificationsRead(deps: Deps, actor: Actor, input: MarkReadInput): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps, (trx) => markRead(trx, actor.id, 'all' in input ? 'all' : input.ids, now));
}
