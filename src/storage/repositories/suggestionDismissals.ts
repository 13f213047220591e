import type { Queryable } from '../database.js';

/** Remembers "Not interested"; dismissing twice is harmless. */
export async function insertDismissal(
  db: Queryable,
  row: { memberId: string; dismissedId: string; at: number },
): Promise<void> {
  await db
    .insertInto('suggestion_dismissals')
    .values({ member_id: row.memberId, dismissed_id: row.dismissedId, created_at: row.at })
    .onConflict((oc) => oc.columns(['member_id', 'dismissed_id']).doNothing())
    .execute();
}
