import { DomainError } from '../domain/errors.js';
import {
  findInvitationSettings,
  updateInvitationSettings,
  type InvitationSettings,
  type SettingsChange,
} from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';

/** Change any subset of the settings (C3, N2); fields left out keep their value. */
export async function updateSettings(
  deps: Deps,
  actor: Actor,
  input: SettingsChange,
): Promise<InvitationSettings> {
  return inTransaction(deps, async (trx) => {
    await updateInvitationSettings(trx, actor.id, input);
    const settings = await findInvitationSettings(trx, actor.id);
    if (!settings) throw new DomainError('unauthorized');
    return settings;
  });
}
