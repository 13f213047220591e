import type { Queryable } from '../database.js';
import { newId } from '../ids.js';

/** Records a failed sign-in for this (normalized) email from this client address. */
export async function insertLoginFailure(
  db: Queryable,
  emailNormalized: string,
  clientAddress: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({ id: newId(), email_normalized: emailNormalized, client_address: clientAddress, at })
    .execute();
}

/**
 * The times of the oldest `limit` failed sign-ins for this email from this address after
 * `since`, oldest first.
 */
export async function loginFailuresFromAddress(
  db: Queryable,
  emailNormalized: string,
  clientAddress: string,
  since: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('login_failures')
    .select(['at'])
    .where('email_normalized', '=', emailNormalized)
    .where('client_address', '=', clientAddress)
    .where('at', '>', since)
    .orderBy('at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

/** How many failed sign-ins this email had from any address after `since`, and the latest. */
export async function accountLoginFailures(
  db: Queryable,
  emailNormalized: string,
  since: number,
): Promise<{ count: number; latest: number | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('at').as('latest')])
    .where('email_normalized', '=', emailNormalized)
    .where('at', '>', since)
    .executeTakeFirst();
  const latest = row?.latest;
  return {
    count: Number(row?.count ?? 0),
    latest: latest === null || latest === undefined ? null : Number(latest),
  };
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
