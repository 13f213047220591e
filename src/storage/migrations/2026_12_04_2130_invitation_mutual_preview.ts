// Frozen in time: this migration never imports application code.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * P1: each pending invitation stores, beside its mutual count, the ids of the first three
 * connections its members share (id order, comma-joined), so a list page names them without
 * walking 50 intersections: on SQLite the walk was ~200 µs of a 420 µs page, the names' member
 * lookups most of the rest. NULL means "not stored": the page walks for that row as before, so
 * a change that moves a count only has to clear it (or store it afresh) to stay exact. The list
 * indexes carry it, so a page stays an index-only read. Existing pending invitations with a
 * count are filled here, walked from the side with fewer connections.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('mutual_preview', 'text').execute();
  // Before the indexes that carry the column are built, so the update does not write them.
  await db.schema.dropIndex('invitations_sender_list').execute();
  await db.schema.dropIndex('invitations_recipient_list').execute();
  const aSmaller = sql`(select connection_count from members where id = i.sender_id) <= (select connection_count from members where id = i.recipient_id)`;
  const firstThree = sql`select x.other_id from connections x
    where x.member_id = (case when ${aSmaller} then i.sender_id else i.recipient_id end)
      and exists (
        select 1 from connections y
        where y.member_id = (case when ${aSmaller} then i.recipient_id else i.sender_id end)
          and y.other_id = x.other_id)
    order by x.other_id limit 3`;
  const joined =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`(select string_agg(q.other_id, ',' order by q.other_id) from (${firstThree}) q)`
      : sql`(select group_concat(q.other_id, ',' order by q.other_id) from (${firstThree}) q)`;
  await sql`update invitations as i set mutual_preview = ${joined}
    where i.status = 'pending' and i.mutual_count > 0`.execute(db);
  await createListIndexes(db, ['mutual_count', 'mutual_preview']);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_sender_list').execute();
  await db.schema.dropIndex('invitations_recipient_list').execute();
  await db.schema.alterTable('invitations').dropColumn('mutual_preview').execute();
  await createListIndexes(db, ['mutual_count']);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function createListIndexes(db: Kysely<any>, mutual: string[]): Promise<void> {
  await db.schema
    .createIndex('invitations_sender_list')
    .on('invitations')
    .columns(['sender_id', 'status', 'sent_at', 'id', 'recipient_id', 'message', ...mutual])
    .execute();
  await db.schema
    .createIndex('invitations_recipient_list')
    .on('invitations')
    .columns(['recipient_id', 'status', 'sent_at', 'id', 'ignored_at', 'sender_id', 'message', ...mutual])
    .execute();
}
