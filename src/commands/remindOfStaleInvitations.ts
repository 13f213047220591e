import { lockMembers } from '../storage/repositories/members.js';
import { insertNotifications } from '../storage/repositories/notifications.js';
import { claimStaleReminders, stalePendingCounts, type StaleRange } from '../storage/repositories/sweep.js';
import { inTransaction, type Deps } from './deps.js';
import { queueEmails } from './support/emails.js';

/**
 * I9, N1, N2: "N invitations have been pending for over a month" for these members (one batch), each
 * not reminded since `remindedBefore`. The conditional claim on members.last_stale_reminder_at
 * decides who gets one, so concurrent sweeps never remind anyone twice. Returns how many were sent.
 */
export async function remindOfStaleInvitations(
  deps: Deps,
  input: { members: readonly string[]; range: StaleRange; remindedBefore: number; now: number },
): Promise<number> {
  const { members, range, remindedBefore, now } = input;
  return inTransaction(deps, async (trx, events) => {
    await lockMembers(trx, deps.dialect, members);
    const counts = await stalePendingCounts(trx, members, range);
    const claimed = await claimStaleReminders(trx, [...counts.keys()], now, remindedBefore);
    const ids = await insertNotifications(
      trx,
      claimed.map((memberId) => ({
        memberId,
        type: 'stale_invitations_reminder' as const,
        actorId: null,
        invitationId: null,
        count: counts.get(memberId) ?? 0,
        createdAt: now,
      })),
    );
    claimed.forEach((memberId, i) =>
      events.emit({ type: 'notification', memberId, notificationId: ids[i] as string }),
    );
    // The same reminder by email (N2), re-checked when it is due.
    await queueEmails(
      deps,
      trx,
      claimed.map((memberId, i) => ({
        memberId,
        kind: 'stale_invitations_reminder' as const,
        actorId: null,
        invitationId: null,
        notificationId: ids[i] as string,
      })),
      now,
    );
    return claimed.length;
  });
}
