import type { MemberUpdate } from '../storage/tables.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { readSettings, type InvitationSettings } from './getSettings.js';

/** Change any subset of the settings (C3); fields left out keep their value. */
export async function updateSettings(
  deps: Deps,
  actor: Actor,
  input: Partial<InvitationSettings>,
): Promise<InvitationSettings> {
  return inTransaction(deps, async (trx) => {
    const changes: MemberUpdate = {};
    if (input.whoCanInvite !== undefined) changes.who_can_invite = input.whoCanInvite;
    if (input.autoWithdrawAfterDays !== undefined)
      changes.auto_withdraw_after_days = input.autoWithdrawAfterDays;
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('members').set(changes).where('id', '=', actor.id).execute();
    }
    return readSettings(trx, actor.id);
  });
}
