// Frozen in time: this migration never imports application code.
import type { Kysely } from 'kysely';

/**
 * P2 "Not interested": the members a member dismissed from People you may know, so they are not
 * suggested again. The suggestions query probes the primary key once per candidate; the index on
 * the dismissed member serves the cascade when that member's account is deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suggestion_dismissals')
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('dismissed_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_dismissals_pk', ['member_id', 'dismissed_id'])
    .execute();
  await db.schema
    .createIndex('suggestion_dismissals_dismissed')
    .on('suggestion_dismissals')
    .column('dismissed_id')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suggestion_dismissals').execute();
}
