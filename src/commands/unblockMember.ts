import { DomainError } from '../domain/errors.js';
import { deleteBlock } from '../storage/repositories/blocks.js';
import { lockAndLoadMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * Unblock (C2): only the caller's own block goes. A block the other member holds stays, and
 * asking to lift it is "not found", like any id that is not the caller's. So is the block of a
 * suspended member: it is out of sight like the member (M4), and stays until the suspension is
 * lifted.
 */
export async function unblockMember(deps: Deps, actor: Actor, memberId: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const members = await lockAndLoadMembers(trx, deps.dialect, [actor.id, memberId]);
    const suspended = members.get(memberId)?.suspended_at != null;
    if (suspended || !(await deleteBlock(trx, actor.id, memberId))) {
      throw DomainError.notFound('You have not blocked this member');
    }
  });
}
