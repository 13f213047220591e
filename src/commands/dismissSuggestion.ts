import { DomainError } from '../domain/errors.js';
import { pairFacts } from '../storage/repositories/blocks.js';
import { findMemberById } from '../storage/repositories/members.js';
import { insertDismissal } from '../storage/repositories/suggestionDismissals.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * "Not interested" on People you may know (P2): that member is not suggested to the actor again.
 * Dismissing twice is harmless; a member who does not exist, the actor, and a member blocked
 * either way all read as "no such member", as on the profile.
 */
export async function dismissSuggestion(deps: Deps, actor: Actor, memberId: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const member = memberId === actor.id ? undefined : await findMemberById(trx, memberId);
    if (!member || (await pairFacts(trx, actor.id, member.id)).blocked) {
      throw DomainError.notFound('No such member');
    }
    await insertDismissal(trx, { memberId: actor.id, dismissedId: member.id, at: deps.clock.now() });
  });
}
