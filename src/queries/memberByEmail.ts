import type { Deps } from '../commands/deps.js';
import { normalizeEmail } from '../domain/note.js';
import type { MemberSummary } from '../domain/members.js';
import { findMemberByEmail } from '../storage/repositories/members.js';

/** The member registered with this email (any case, as signing in does), or undefined. */
export async function memberByEmail(deps: Deps, email: string): Promise<MemberSummary | undefined> {
  const member = await findMemberByEmail(deps.db, normalizeEmail(email));
  return member && { id: member.id, name: member.name, headline: member.headline };
}
