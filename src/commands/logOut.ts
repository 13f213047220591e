import { sessionsEnded } from '../events/bus.js';
import { deleteSession } from '../storage/repositories/sessions.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/** Sign out (A1): the session's token stops working at once, and its open live streams close. */
export async function logOut(deps: Deps, actor: Actor & { tokenHash: string }): Promise<void> {
  await inTransaction(deps, async (trx, events) => {
    await deleteSession(trx, actor.tokenHash);
    events.emit(sessionsEnded(actor.id, { only: [actor.tokenHash] }));
  });
}
