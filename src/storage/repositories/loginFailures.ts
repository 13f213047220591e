import type { Queryable } from '../database.js';
import { newId } from '../ids.js';

/** Records a failed sign-in for this (normalized) email. */
export async function insertLoginFailure(db: Queryable, emailNormalized: string, at: number): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({ id: newId(), email_normalized: emailNormalized, at })
    .execute();
}

/** The times of the oldest `limit` failed sign-ins for this email after `since`, oldest first. */
export async function loginFailuresSince(
  db: Queryable,
  emailNormalized: string,
  since: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('login_failures')
    .select(['at'])
    .where('email_normalized', '=', emailNormalized)
    .where('at', '>', since)
    .orderBy('at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

/** Forgets failed sign-ins at or before `cutoff` (they no longer count toward any throttle). */
export async function deleteLoginFailuresUpTo(db: Queryable, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('at', '<=', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets every failed sign-in for this email (account deletion). */
export async function deleteLoginFailuresFor(db: Queryable, emailNormalized: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_normalized', '=', emailNormalized).execute();
}
