import { WEEK } from '../domain/time.js';
import { quotaFor, type Quota } from '../domain/invitations.js';
import { sentTimesSince } from '../storage/repositories/invitations.js';
import type { Actor, Deps } from '../commands/deps.js';
import { policyOf } from '../commands/support/policy.js';

/**
 * How much of the sending limits is used (I2, I7): every invitation sent in the rolling day and
 * week counts, whatever became of it, so a send-withdraw loop cannot free a slot.
 */
export async function invitationQuota(deps: Deps, actor: Actor): Promise<Quota> {
  const now = deps.clock.now();
  const sentTimes = await sentTimesSince(deps.db, actor.id, now - WEEK);
  return quotaFor(sentTimes, now, policyOf(deps.config));
}
