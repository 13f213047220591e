// Frozen in time: this migration never imports application code.
import type { Kysely } from 'kysely';

/**
 * Two lookups that read a whole table (found by test/sqlite/plans.test.ts, which reads the plan
 * of every statement the API runs):
 * - deleting a member made the foreign key on connections.other_id scan every connection (and
 *   the account deletion's own `member_id = ? or other_id = ?` too): at a million members, each
 *   account deletion held the writer for seconds;
 * - the sweep's removal of expired sessions scanned every session.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('connections_other')
    .on('connections')
    .columns(['other_id', 'member_id'])
    .execute();
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expiry').execute();
  await db.schema.dropIndex('connections_other').execute();
}
