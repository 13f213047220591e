import { DomainError } from '../domain/errors.js';
import { deleteConnection } from '../storage/repositories/connections.js';
import { adjustCounter, lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * Remove connection (C1): both lists and both counts lose it, and the other member is told
 * nothing — no notification, no live event.
 */
export async function removeConnection(deps: Deps, actor: Actor, memberId: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await lockMembers(trx, deps.dialect, [actor.id, memberId]);
    if (memberId === actor.id || !(await deleteConnection(trx, actor.id, memberId))) {
      throw DomainError.notFound('You are not connected with this member');
    }
    await adjustCounter(trx, 'connection_count', [actor.id, memberId], -1);
  });
}
