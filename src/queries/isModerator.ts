import type { Deps } from '../commands/deps.js';
import { isModeratorMember } from '../storage/repositories/moderation.js';
import { memberOfSession } from './memberOfSession.js';

/**
 * The moderator a session token (by its hash) signs in (M4), or null for anyone else: a member
 * who is not a moderator, a session that ended, no session at all. The admin routes answer all of
 * those alike, as a path that does not exist.
 */
export async function moderatorOfSession(deps: Deps, tokenHash: string): Promise<string | null> {
  const memberId = await memberOfSession(deps, tokenHash);
  if (!memberId) return null;
  return (await isModeratorMember(deps.db, memberId)) ? memberId : null;
}
