import type { Config } from '../../config.js';
import type { Policy } from '../../domain/invitations.js';

/** The deployment's policy, with a member's own sending limits (set by a moderator) when given. */
export function policyOf(
  config: Config,
  member?: {
    invites_per_day: number | null;
    invites_per_week: number | null;
    max_pending_sent: number | null;
  },
): Policy {
  return {
    invitesPerDay: member?.invites_per_day ?? config.invitesPerDay,
    invitesPerWeek: member?.invites_per_week ?? config.invitesPerWeek,
    maxConnections: config.maxConnections,
    resendCooldownDays: config.resendCooldownDays,
    invitationTtlDays: config.invitationTtlDays,
    maxPendingSent: member?.max_pending_sent ?? config.maxPendingSent,
    emailGuessesPerDay: config.emailGuessesPerDay,
    emailGuessesPerRecipient: config.emailGuessesPerRecipient,
  };
}
