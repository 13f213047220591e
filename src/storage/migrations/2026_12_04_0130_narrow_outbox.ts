// Frozen in time: this migration never imports application code.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * N2: an outbox row is written by every send, so each index it enters is paid for on the write
 * path (the issue allows the row under 10 % of a send; five B-trees cost 18 % on SQLite). The row
 * keeps the foreign key to its invitation (a withdrawn-and-deleted invitation takes its email
 * with it) but drops the one to the member: account deletion removes the member's rows itself,
 * and only rows about no invitation need finding by member, so only those enter that index. On
 * SQLite the table becomes WITHOUT ROWID (its time-ordered id is the clustering key, so a row is
 * one B-tree entry, not a rowid entry plus a primary-key index entry).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table email_outbox drop constraint if exists email_outbox_member_id_fkey`.execute(db);
    await db.schema.dropIndex('email_outbox_member').execute();
  } else {
    await createSqliteOutbox(db, 'email_outbox_new', { memberForeignKey: false, withoutRowid: true });
    await sql`insert into email_outbox_new select ${sql.raw(COLUMNS)} from email_outbox`.execute(db);
    await db.schema.dropTable('email_outbox').execute();
    await sql`alter table email_outbox_new rename to email_outbox`.execute(db);
    await createDueAndInvitationIndexes(db);
  }
  await db.schema
    .createIndex('email_outbox_member')
    .on('email_outbox')
    .column('member_id')
    .where(sql.ref('invitation_id'), 'is', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('email_outbox_member').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Rows whose member has gone would break the restored foreign key.
    await sql`delete from email_outbox where member_id not in (select id from members)`.execute(db);
    await sql`alter table email_outbox add constraint email_outbox_member_id_fkey
      foreign key (member_id) references members (id) on delete cascade`.execute(db);
  } else {
    await createSqliteOutbox(db, 'email_outbox_old', { memberForeignKey: true, withoutRowid: false });
    await sql`insert into email_outbox_old select ${sql.raw(COLUMNS)} from email_outbox
      where member_id in (select id from members)`.execute(db);
    await db.schema.dropTable('email_outbox').execute();
    await sql`alter table email_outbox_old rename to email_outbox`.execute(db);
    await createDueAndInvitationIndexes(db);
  }
  await db.schema.createIndex('email_outbox_member').on('email_outbox').column('member_id').execute();
}

const COLUMNS =
  'id, member_id, kind, actor_id, invitation_id, notification_id, step, status, due_at, first_due_at, attempts, last_error, created_at';

async function createSqliteOutbox(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  name: string,
  options: { memberForeignKey: boolean; withoutRowid: boolean },
): Promise<void> {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey().notNull())
    .addColumn('member_id', 'varchar(64)', (c) =>
      options.memberForeignKey ? c.notNull().references('members.id').onDelete('cascade') : c.notNull(),
    )
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)')
    .addColumn('invitation_id', 'varchar(64)', (c) => c.references('invitations.id').onDelete('cascade'))
    .addColumn('notification_id', 'varchar(64)')
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('first_due_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull());
  if (options.withoutRowid) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function createDueAndInvitationIndexes(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('email_outbox_due')
    .on('email_outbox')
    .columns(['due_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('email_outbox_invitation').on('email_outbox').column('invitation_id').execute();
}
