import type { Queryable } from '../database.js';

/** Two directed rows per pair, so each member's list is one index range. */
export async function insertConnection(db: Queryable, a: string, b: string, at: number): Promise<void> {
  await db
    .insertInto('connections')
    .values([
      { member_id: a, other_id: b, connected_at: at },
      { member_id: b, other_id: a, connected_at: at },
    ])
    .execute();
}

/** Removes the pair's two rows; returns whether they were connected. */
export async function deleteConnection(db: Queryable, a: string, b: string): Promise<boolean> {
  const result = await db
    .deleteFrom('connections')
    .where((eb) =>
      eb.or([
        eb.and([eb('member_id', '=', a), eb('other_id', '=', b)]),
        eb.and([eb('member_id', '=', b), eb('other_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
