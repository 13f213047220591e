import { decideWithdraw } from '../domain/invitations.js';
import { endPendingInvitations, findInvitation } from '../storage/repositories/invitations.js';
import { lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { afterInvitationsEnded } from './support/endInvitations.js';
import { invitationFacts } from './support/facts.js';
import { policyOf } from './support/policy.js';

/**
 * Withdraw (I5): the invitation leaves both lists at once, the recipient's notification and
 * unread count go with it, and the recipient is told nothing. Withdrawing twice is harmless.
 */
export async function withdrawInvitation(deps: Deps, actor: Actor, invitationId: string): Promise<void> {
  const policy = policyOf(deps.config);
  await inTransaction(deps, async (trx, events) => {
    const now = deps.clock.now();
    const found = await findInvitation(trx, invitationId);
    if (found) await lockMembers(trx, deps.dialect, [found.sender_id, found.recipient_id]);
    const inv = found ? await findInvitation(trx, invitationId) : undefined;
    const decision = decideWithdraw(invitationFacts(inv), actor.id, now, policy);
    if (decision === 'already_withdrawn') return;
    const ended = await endPendingInvitations(trx, [invitationId], 'withdrawn', now, { senderId: actor.id });
    await afterInvitationsEnded(deps, trx, events, ended, 'withdrawn');
  });
}
