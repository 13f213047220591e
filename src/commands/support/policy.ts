import type { Config } from '../../config.js';
import type { Policy } from '../../domain/invitations.js';

export function policyOf(config: Config): Policy {
  return {
    invitesPerDay: config.invitesPerDay,
    invitesPerWeek: config.invitesPerWeek,
    maxConnections: config.maxConnections,
    resendCooldownDays: config.resendCooldownDays,
    invitationTtlDays: config.invitationTtlDays,
  };
}
