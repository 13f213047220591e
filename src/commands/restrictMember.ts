import { normalizeReason, restrictionUntil } from '../domain/trust.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { lockModeratorAndMember, restrictWithin } from './support/moderation.js';

/**
 * A moderator restricts a member for N days (M4): until then every invitation they send needs
 * the recipient's email (403 sender_restricted without it). It replaces a running restriction.
 */
export async function restrictMember(
  deps: Deps,
  actor: Actor,
  input: { memberId: string; days: number; reason: string },
): Promise<void> {
  const reason = normalizeReason(input.reason);
  const until = restrictionUntil(input.days, deps.clock.now());
  await inTransaction(deps, async (trx) => {
    const { moderator, member } = await lockModeratorAndMember(deps, trx, actor, input.memberId);
    await restrictWithin(deps, trx, moderator, member, until, reason);
  });
}
