import { DomainError } from '../domain/errors.js';
import type { Queryable } from '../storage/database.js';
import type { WhoCanInvite } from '../domain/members.js';
import type { Actor, Deps } from './deps.js';

export interface InvitationSettings {
  whoCanInvite: WhoCanInvite;
  /** Pending invitations older than this are withdrawn by the sweep; null is off (the default). */
  autoWithdrawAfterDays: number | null;
}

export async function readSettings(db: Queryable, memberId: string): Promise<InvitationSettings> {
  const row = await db
    .selectFrom('members')
    .select(['who_can_invite', 'auto_withdraw_after_days'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!row) throw new DomainError('unauthorized');
  return { whoCanInvite: row.who_can_invite, autoWithdrawAfterDays: row.auto_withdraw_after_days };
}

/** Settings (C3): who may send the member invitations, and auto-withdraw. */
export async function getSettings(deps: Deps, actor: Actor): Promise<InvitationSettings> {
  return readSettings(deps.db, actor.id);
}
