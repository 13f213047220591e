import { normalizeReason } from '../domain/trust.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { lockModeratorAndMember, suspendWithin } from './support/moderation.js';

/**
 * A moderator suspends a member (M4): see suspendWithin. Suspending a member already suspended
 * changes nothing; a moderator (oneself included) cannot be suspended until revoked.
 */
export async function suspendMember(
  deps: Deps,
  actor: Actor,
  input: { memberId: string; reason: string },
): Promise<void> {
  const reason = normalizeReason(input.reason);
  await inTransaction(deps, async (trx, events) => {
    const { moderator, member } = await lockModeratorAndMember(deps, trx, actor, input.memberId);
    await suspendWithin(deps, trx, events, moderator, member, reason);
  });
}
