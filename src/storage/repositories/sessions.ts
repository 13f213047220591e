import type { Queryable } from '../database.js';

export async function insertSession(
  db: Queryable,
  row: { tokenHash: string; memberId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: row.tokenHash,
      member_id: row.memberId,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

export async function findSessionMember(
  db: Queryable,
  tokenHash: string,
  now: number,
): Promise<string | null> {
  // A suspended member's sessions are deleted with the suspension; the join also refuses one
  // started by a login that raced it (M4).
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select('s.member_id')
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('m.suspended_at', 'is', null)
    .executeTakeFirst();
  return row?.member_id ?? null;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteOtherSessions(
  db: Queryable,
  memberId: string,
  keepTokenHash: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('member_id', '=', memberId)
    .where('token_hash', '!=', keepTokenHash)
    .execute();
}

export async function deleteMemberSessions(db: Queryable, memberId: string): Promise<void> {
  await db.deleteFrom('sessions').where('member_id', '=', memberId).execute();
}

export async function deleteExpiredSessions(db: Queryable, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
