import type { Actor, Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import { findInvitationSettings, type InvitationSettings } from '../storage/repositories/members.js';

/** Settings (C3): who may send the member invitations, and auto-withdraw. */
export async function getSettings(deps: Deps, actor: Actor): Promise<InvitationSettings> {
  const settings = await findInvitationSettings(deps.db, actor.id);
  if (!settings) throw new DomainError('unauthorized');
  return settings;
}
