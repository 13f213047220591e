import { DomainError } from '../domain/errors.js';
import { sessionsEnded } from '../events/bus.js';
import { hashPassword, verifyPassword } from '../security/passwords.js';
import { findMemberById, setPasswordHash } from '../storage/repositories/members.js';
import { deleteOtherSessions } from '../storage/repositories/sessions.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/**
 * Changing the password ends every other session of the member (a stolen token dies with it),
 * and closes their open live streams.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor & { tokenHash: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const member = await findMemberById(deps.db, actor.id);
  if (!member || !(await verifyPassword(input.currentPassword, member.password_hash))) {
    throw new DomainError('invalid_credentials', 'The current password is wrong');
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.scryptLogN);
  await inTransaction(deps, async (trx, events) => {
    await setPasswordHash(trx, actor.id, passwordHash);
    await deleteOtherSessions(trx, actor.id, actor.tokenHash);
    events.emit(sessionsEnded(actor.id, { allBut: actor.tokenHash }));
  });
}
