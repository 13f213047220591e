import { deleteSession } from '../storage/repositories/sessions.js';
import type { Deps } from './deps.js';

/** Sign out (A1): the session's token stops working at once. */
export async function logOut(deps: Deps, actor: { tokenHash: string }): Promise<void> {
  await deleteSession(deps.db, actor.tokenHash);
}
