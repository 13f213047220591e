import type { Queryable } from '../database.js';

/**
 * A secret every process of the deployment shares (the unsubscribe tokens' HMAC key): the first
 * process to ask creates it, every later one reads the same. Insert-if-absent, then read, so
 * two processes asking at once still agree.
 */
export async function sharedSecret(
  db: Queryable,
  name: string,
  create: () => string,
  now: number,
): Promise<string> {
  const read = async () =>
    (await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst())
      ?.value;
  const existing = await read();
  if (existing) return existing;
  await db
    .insertInto('server_secrets')
    .values({ name, value: create(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const value = await read();
  if (!value) throw new Error(`server secret ${name} could not be created`);
  return value;
}

/** The shared secret of that name, if a process has created it; never creates one. */
export async function findSharedSecret(db: Queryable, name: string): Promise<string | undefined> {
  return (await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst())
    ?.value;
}
