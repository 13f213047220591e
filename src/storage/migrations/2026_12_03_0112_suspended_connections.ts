// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

/**
 * M4 suspension: while a member is suspended, both rows of each of their connections wait here,
 * exactly as they were (connected_at included), and go back when the suspension is lifted. So
 * every read of `connections` — lists, counts, mutual connections, suggestions — passes over the
 * member as over a deleted one without a filter of its own, and nothing is lost.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suspended_connections')
    .addColumn('suspended_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('other_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suspended_connections_pk', ['suspended_id', 'member_id', 'other_id'])
    .execute();
  // The cascade when the other member deletes their account meanwhile.
  await db.schema
    .createIndex('suspended_connections_member')
    .on('suspended_connections')
    .column('member_id')
    .execute();
  await db.schema
    .createIndex('suspended_connections_other')
    .on('suspended_connections')
    .column('other_id')
    .execute();
  // The few suspended members, so search can leave them out without reading every member row.
  await sql`create index members_suspended on members (id) where suspended_at is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_suspended').execute();
  await db.schema.dropTable('suspended_connections').execute();
}
