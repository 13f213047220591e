import { DomainError } from '../domain/errors.js';
import { sendersOfReceived } from '../storage/repositories/invitations.js';
import { lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { ignoreReceived } from './support/ignore.js';

/**
 * Ignore (I8): the invitation leaves the recipient's list and the sender is told nothing: to the
 * sender it stays pending until withdrawn or expired.
 */
export async function ignoreInvitation(deps: Deps, actor: Actor, invitationId: string): Promise<void> {
  await inTransaction(deps, (trx, events) => ignoreReceived(deps, trx, events, actor, invitationId));
}

export async function ignoreInvitations(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ ignored: string[]; skipped: string[] }> {
  return inTransaction(deps, async (trx, events) => {
    // Every member involved, locked at once in id order before any change (see lockMembers).
    await lockMembers(trx, deps.dialect, [
      actor.id,
      ...(await sendersOfReceived(trx, actor.id, [...new Set(ids)])),
    ]);
    const ignored: string[] = [];
    const skipped: string[] = [];
    for (const id of new Set(ids)) {
      try {
        await ignoreReceived(deps, trx, events, actor, id);
        ignored.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        skipped.push(id);
      }
    }
    return { ignored, skipped };
  });
}
