import type { Deps } from '../commands/deps.js';
import { findSessionMember } from '../storage/repositories/sessions.js';

/** The member a session token (by its hash) signs in, or null when it is unknown or has expired. */
export async function memberOfSession(deps: Deps, tokenHash: string): Promise<string | null> {
  return findSessionMember(deps.db, tokenHash, deps.clock.now());
}
