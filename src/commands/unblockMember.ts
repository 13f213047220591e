import { DomainError } from '../domain/errors.js';
import { deleteBlock } from '../storage/repositories/blocks.js';
import { lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * Unblock (C2): only the caller's own block goes. A block the other member holds stays, and
 * asking to lift it is "not found", like any id that is not the caller's.
 */
export async function unblockMember(deps: Deps, actor: Actor, memberId: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await lockMembers(trx, deps.dialect, [actor.id, memberId]);
    if (!(await deleteBlock(trx, actor.id, memberId))) {
      throw DomainError.notFound('You have not blocked this member');
    }
  });
}
