import type { Queryable } from '../database.js';

/** M1: from now on `senderId` needs `memberId`'s email to invite them. Marking twice is harmless. */
export async function markUnknownSender(
  db: Queryable,
  memberId: string,
  senderId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('unknown_senders')
    .values({ member_id: memberId, sender_id: senderId, created_at: at })
    .onConflict((oc) => oc.columns(['member_id', 'sender_id']).doNothing())
    .execute();
}
