import type { Queryable } from '../database.js';

/** Forgets failed sign-ins at or before `cutoff` (they no longer count toward any throttle). */
export async function deleteLoginFailuresUpTo(db: Queryable, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('at', '<=', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
