// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

/**
 * P1: each pending invitation stores how many connections its two members share, kept in the
 * transaction of every change to `connections`, so a Received or Sent page of 50 reads the count
 * with the row instead of walking 50 intersections (7–17× the page on SQLite, 4.7–7.7× on
 * PostgreSQL, for a member near the 30,000 cap). The list indexes carry it, so a page stays an
 * index-only read. Existing pending invitations are counted here, from the smaller side.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('invitations')
    .addColumn('mutual_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Before the indexes that carry the column are built, so the update does not write them.
  await db.schema.dropIndex('invitations_sender_list').execute();
  await db.schema.dropIndex('invitations_recipient_list').execute();
  const aSmaller = sql`(select connection_count from members where id = i.sender_id) <= (select connection_count from members where id = i.recipient_id)`;
  await sql`
    update invitations as i set mutual_count = (
      select count(*) from connections x
      where x.member_id = (case when ${aSmaller} then i.sender_id else i.recipient_id end)
        and exists (
          select 1 from connections y
          where y.member_id = (case when ${aSmaller} then i.recipient_id else i.sender_id end)
            and y.other_id = x.other_id
        ))
    where i.status = 'pending'`.execute(db);
  await db.schema
    .createIndex('invitations_sender_list')
    .on('invitations')
    .columns(['sender_id', 'status', 'sent_at', 'id', 'recipient_id', 'message', 'mutual_count'])
    .execute();
  await db.schema
    .createIndex('invitations_recipient_list')
    .on('invitations')
    .columns([
      'recipient_id',
      'status',
      'sent_at',
      'id',
      'ignored_at',
      'sender_id',
      'message',
      'mutual_count',
    ])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_sender_list').execute();
  await db.schema.dropIndex('invitations_recipient_list').execute();
  await db.schema.alterTable('invitations').dropColumn('mutual_count').execute();
  await db.schema
    .createIndex('invitations_sender_list')
    .on('invitations')
    .columns(['sender_id', 'status', 'sent_at', 'id', 'recipient_id', 'message'])
    .execute();
  await db.schema
    .createIndex('invitations_recipient_list')
    .on('invitations')
    .columns(['recipient_id', 'status', 'sent_at', 'id', 'ignored_at', 'sender_id', 'message'])
    .execute();
}
