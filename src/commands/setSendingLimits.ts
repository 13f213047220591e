import { DomainError } from '../domain/errors.js';
import { normalizeReason } from '../domain/trust.js';
import { appendAudit } from '../storage/repositories/auditLog.js';
import { setSendingLimits as storeLimits } from '../storage/repositories/moderation.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { lockModeratorAndMember } from './support/moderation.js';

export interface SendingLimitsInput {
  memberId: string;
  /** null: the deployment's configuration applies again. */
  invitesPerDay: number | null;
  invitesPerWeek: number | null;
  maxPendingSent: number | null;
  reason: string;
}

/** A moderator sets one member's sending limits (M4), logged with the new values. */
export async function setSendingLimits(deps: Deps, actor: Actor, input: SendingLimitsInput): Promise<void> {
  const reason = normalizeReason(input.reason);
  for (const [path, value] of [
    ['/invitesPerDay', input.invitesPerDay],
    ['/invitesPerWeek', input.invitesPerWeek],
    ['/maxPendingSent', input.maxPendingSent],
  ] as const) {
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 1_000_000)) {
      throw DomainError.validation(path, 'must be a whole number from 0 to 1000000, or null');
    }
  }
  await inTransaction(deps, async (trx) => {
    const { moderator, member } = await lockModeratorAndMember(deps, trx, actor, input.memberId);
    await storeLimits(trx, member.id, {
      invites_per_day: input.invitesPerDay,
      invites_per_week: input.invitesPerWeek,
      max_pending_sent: input.maxPendingSent,
    });
    const shown = (v: number | null) => (v === null ? 'default' : String(v));
    await appendAudit(trx, {
      at: deps.clock.now(),
      moderator,
      action: 'set_limits',
      target: { id: member.id, name: member.name },
      reason: `${reason} (per day ${shown(input.invitesPerDay)}, per week ${shown(input.invitesPerWeek)}, pending ${shown(input.maxPendingSent)})`,
    });
  });
}
