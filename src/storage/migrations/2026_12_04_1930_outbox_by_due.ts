// Frozen in time: this migration never imports application code.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * N2: on SQLite the outbox becomes one B-tree. Every page a commit touches is a page written to
 * the write-ahead log and copied back later, and with the row's table, its due index and its
 * invitation index a send wrote 26.1 pages instead of 21.4 (email on ÷ off 0.82, the HTTP
 * bench's figure exactly); as one B-tree clustered on (due_at, id) it writes 23.8 (0.93). The
 * worker's claim is a range of that key and every later statement names the (due_at, id) it
 * claimed. Account deletion removes the member's rows itself (to them or about them), so the
 * invitation foreign key and the member index go. PostgreSQL keeps its layout: a heap row and
 * its indexes cost it a different way, and every statement works on both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await createTable(db, 'email_outbox_new', 'by_due');
  await sql`insert into email_outbox_new select ${sql.raw(COLUMNS)} from email_outbox`.execute(db);
  await db.schema.dropTable('email_outbox').execute();
  await sql`alter table email_outbox_new rename to email_outbox`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await createTable(db, 'email_outbox_old', 'by_id');
  // Rows whose invitation has gone would break the restored foreign key.
  await sql`insert into email_outbox_old select ${sql.raw(COLUMNS)} from email_outbox
    where invitation_id is null or invitation_id in (select id from invitations)`.execute(db);
  await db.schema.dropTable('email_outbox').execute();
  await sql`alter table email_outbox_old rename to email_outbox`.execute(db);
  await db.schema
    .createIndex('email_outbox_due')
    .on('email_outbox')
    .columns(['due_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('email_outbox_invitation').on('email_outbox').column('invitation_id').execute();
  await db.schema
    .createIndex('email_outbox_member')
    .on('email_outbox')
    .column('member_id')
    .where(sql.ref('invitation_id'), 'is', null)
    .execute();
}

const COLUMNS =
  'id, member_id, kind, actor_id, invitation_id, notification_id, step, status, due_at, first_due_at, attempts, last_error, created_at';

async function createTable(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  name: string,
  key: 'by_due' | 'by_id',
): Promise<void> {
  const byId = key === 'by_id';
  await db.schema
    .createTable(name)
    .addColumn('id', 'varchar(64)', (c) => (byId ? c.primaryKey().notNull() : c.notNull()))
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)')
    .addColumn('invitation_id', 'varchar(64)', (c) =>
      byId ? c.references('invitations.id').onDelete('cascade') : c,
    )
    .addColumn('notification_id', 'varchar(64)')
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('first_due_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .$call((t) => (byId ? t : t.addPrimaryKeyConstraint(`${name}_pkey`, ['due_at', 'id'])))
    .modifyEnd(sql`without rowid`)
    .execute();
}
