import { normalizeReason } from '../domain/trust.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { lockModeratorAndMember, unsuspendWithin } from './support/moderation.js';

/** A moderator lifts a suspension (M4): the member's connections come back as they were. */
export async function unsuspendMember(
  deps: Deps,
  actor: Actor,
  input: { memberId: string; reason: string },
): Promise<void> {
  const reason = normalizeReason(input.reason);
  await inTransaction(deps, async (trx) => {
    const { moderator, member } = await lockModeratorAndMember(deps, trx, actor, input.memberId);
    await unsuspendWithin(deps, trx, moderator, member, reason);
  });
}
