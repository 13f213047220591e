import { sessionsEnded } from '../events/bus.js';
import { deleteMemberSessions } from '../storage/repositories/sessions.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * Ends every session of the member, the one asking included: a lost laptop signs out too (A5),
 * and its open live streams close.
 */
export async function signOutEverywhere(deps: Deps, actor: Actor): Promise<void> {
  await inTransaction(deps, async (trx, events) => {
    await deleteMemberSessions(trx, actor.id);
    events.emit(sessionsEnded(actor.id, { allBut: null }));
  });
}
