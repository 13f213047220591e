import { deleteMemberSessions } from '../storage/repositories/sessions.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/** Ends every session of the member, the one asking included: a lost laptop signs out too (A5). */
export async function signOutEverywhere(deps: Deps, actor: Actor): Promise<void> {
  await inTransaction(deps, async (trx) => {
    await deleteMemberSessions(trx, actor.id);
  });
}
