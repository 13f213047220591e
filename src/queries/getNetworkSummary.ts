import { DomainError } from '../domain/errors.js';
import { ttlCutoff } from '../domain/invitations.js';
import { pendingCounts } from './support/pendingInvitations.js';
import type { Actor, Deps } from '../commands/deps.js';

export interface NetworkSummary {
  connections: number;
  invitationsReceived: number;
  invitationsSent: number;
}

/**
 * The counts My Network shows (I4): connections, and pending invitations received (not ignored)
 * and sent. Counters kept with every change give them at once; invitations past their time to live
 * that no sweep has recorded yet are taken off, so the counts agree with the lists (pendingCounts).
 */
export async function getNetworkSummary(deps: Deps, actor: Actor): Promise<NetworkSummary> {
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  const counts = await pendingCounts(deps.db, actor.id, cutoff);
  if (!counts) throw new DomainError('unauthorized');
  return {
    connections: counts.connections,
    invitationsReceived: Math.max(0, counts.received),
    invitationsSent: Math.max(0, counts.sent),
  };
}
