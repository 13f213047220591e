import { sql } from 'kysely';
import type { Queryable } from '../database.js';

/** PostgreSQL: sends each payload on the channel with pg_notify, in one statement. */
export async function notifyAll(db: Queryable, channel: string, payloads: readonly string[]): Promise<void> {
  await sql`select pg_notify(${channel}, p) from unnest(${payloads}::text[]) as p`.execute(db);
}
