import { DomainError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/note.js';
import { appendAudit } from '../storage/repositories/auditLog.js';
import { findMemberByEmail, lockAndLoadMembers } from '../storage/repositories/members.js';
import { setModerator as storeModerator } from '../storage/repositories/moderation.js';
import { inTransaction, type Deps } from './deps.js';

/**
 * `rapport admin grant|revoke EMAIL` (M4): the operator makes a member a moderator, or stops it.
 * Logged as the operator's (no member: the operator acted from the command line), with the
 * operating-system login that ran it when the command line knows it. Granting a moderator again,
 * or revoking someone who is not one, changes nothing and logs nothing. Returns whether it changed.
 */
export async function setModerator(
  deps: Deps,
  input: { email: string; moderator: boolean; operator?: string | null },
): Promise<{ changed: boolean; name: string }> {
  return inTransaction(deps, async (trx) => {
    const found = await findMemberByEmail(trx, normalizeEmail(input.email));
    if (!found) throw DomainError.notFound(`No member has the email "${input.email}"`);
    const member = (await lockAndLoadMembers(trx, deps.dialect, [found.id])).get(found.id);
    if (!member) throw DomainError.notFound(`No member has the email "${input.email}"`);
    if (input.moderator && member.suspended_at !== null) {
      throw DomainError.validation('/email', 'this member is suspended; lift the suspension first');
    }
    if ((member.is_moderator === 1) === input.moderator) return { changed: false, name: member.name };
    await storeModerator(trx, member.id, input.moderator);
    await appendAudit(trx, {
      at: deps.clock.now(),
      moderator: { operator: input.operator ?? null },
      action: input.moderator ? 'grant' : 'revoke',
      target: { id: member.id, name: member.name },
      reason: 'rapport admin from the command line',
    });
    return { changed: true, name: member.name };
  });
}
