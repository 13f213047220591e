import type { Deps } from '../commands/deps.js';
import type { EmailSetting } from '../domain/email.js';
import { DomainError } from '../domain/errors.js';
import { existingUnsubscribeSecret } from '../email/unsubscribeSecret.js';
import { readUnsubscribeToken } from '../security/unsubscribeTokens.js';
import { findInvitationSettings } from '../storage/repositories/members.js';

/** Which kind of email a token would switch off, without changing anything (the GET page, N2). */
export async function readUnsubscribe(deps: Deps, token: string): Promise<{ setting: EmailSetting }> {
  const secret = await existingUnsubscribeSecret(deps);
  const found = secret === undefined ? null : readUnsubscribeToken(secret, token);
  if (!found) throw DomainError.notFound('This unsubscribe link is not one Rapport sent');
  if (!(await findInvitationSettings(deps.db, found.memberId)))
    throw DomainError.notFound('This unsubscribe link is not one Rapport sent');
  return { setting: found.setting };
}
