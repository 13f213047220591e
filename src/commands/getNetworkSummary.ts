import { DomainError } from '../domain/errors.js';
import { ttlCutoff } from '../domain/invitations.js';
import type { Actor, Deps } from './deps.js';

export interface NetworkSummary {
  connections: number;
  invitationsReceived: number;
  invitationsSent: number;
}

/**
 * The counts My Network shows (I4): connections, and pending invitations received (not ignored)
 * and sent. Counters kept with every change give them at once; invitations past their time to live
 * that no sweep has recorded yet are taken off, so the counts agree with the lists. Those are
 * found through a short index range (status, then the oldest sent_at values).
 */
export async function getNetworkSummary(deps: Deps, actor: Actor): Promise<NetworkSummary> {
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  const [me, staleReceived, staleSent] = await Promise.all([
    deps.db
      .selectFrom('members')
      .select(['connection_count', 'pending_received_count', 'pending_sent_count'])
      .where('id', '=', actor.id)
      .executeTakeFirst(),
    deps.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient_id', '=', actor.id)
      .where('status', '=', 'pending')
      .where('sent_at', '<=', cutoff)
      .where('ignored_at', 'is', null)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sender_id', '=', actor.id)
      .where('status', '=', 'pending')
      .where('sent_at', '<=', cutoff)
      .executeTakeFirstOrThrow(),
  ]);
  if (!me) throw new DomainError('unauthorized');
  return {
    connections: me.connection_count,
    invitationsReceived: Math.max(0, me.pending_received_count - Number(staleReceived.n)),
    invitationsSent: Math.max(0, me.pending_sent_count - Number(staleSent.n)),
  };
}
