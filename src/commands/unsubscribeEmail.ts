import { DomainError } from '../domain/errors.js';
import type { EmailSetting } from '../domain/email.js';
import { existingUnsubscribeSecret } from '../email/unsubscribeSecret.js';
import { readUnsubscribeToken } from '../security/unsubscribeTokens.js';
import { switchOffEmail } from '../storage/repositories/members.js';
import { inTransaction, type Deps } from './deps.js';

/**
 * One-click unsubscribe (N2, RFC 8058): the token alone, no sign-in, switches off the one kind of
 * email it was issued for, for the one member it was issued to. Repeating it changes nothing more.
 */
export async function unsubscribeEmail(deps: Deps, token: string): Promise<{ setting: EmailSetting }> {
  const secret = await existingUnsubscribeSecret(deps);
  const found = secret === undefined ? null : readUnsubscribeToken(secret, token);
  if (!found) throw DomainError.notFound('This unsubscribe link is not one Rapport sent');
  return inTransaction(deps, async (trx) => {
    if (!(await switchOffEmail(trx, found.memberId, found.setting)))
      throw DomainError.notFound('This unsubscribe link is not one Rapport sent');
    return { setting: found.setting };
  });
}
