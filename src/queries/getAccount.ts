import type { Actor, Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import type { MemberSummary } from '../domain/members.js';
import { findMemberById } from '../storage/repositories/members.js';

/** The signed-in member as they see themselves: their public fields and their email. */
export async function getAccount(
  deps: Deps,
  actor: Actor,
): Promise<{ member: MemberSummary; email: string }> {
  const member = await findMemberById(deps.db, actor.id);
  if (!member) throw new DomainError('unauthorized');
  return { member: { id: member.id, name: member.name, headline: member.headline }, email: member.email };
}
