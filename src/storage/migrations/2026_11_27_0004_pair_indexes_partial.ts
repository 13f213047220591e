// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

/**
 * Pair lookups move to partial indexes, so sending no longer writes a pair index of its own.
 *
 * The (pair_key, status, ended_at) index served two questions: "is there a pending invitation
 * between these two?", which the unique partial index over pending invitations answers already,
 * and "when did this sender last withdraw one to this member?" (the resend cooldown), which only
 * withdrawn invitations answer. Every send inserted into it and every withdraw or accept moved
 * its entry; each random index page a transaction dirties cost about 30 µs of CPU and 50 µs in
 * all on a million invitations (bench/). Now a send writes nothing for it, an accept nothing, a
 * withdraw one entry.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_pair_status').execute();
  await db.schema
    .createIndex('invitations_withdrawn_pair')
    .on('invitations')
    .columns(['pair_key', 'sender_id', 'ended_at'])
    .where(sql.ref('status'), '=', 'withdrawn')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_withdrawn_pair').execute();
  await db.schema
    .createIndex('invitations_pair_status')
    .on('invitations')
    .columns(['pair_key', 'status', 'ended_at'])
    .execute();
}
