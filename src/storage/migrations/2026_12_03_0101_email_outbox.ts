// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

/**
 * Email (N2): the outbox the mail worker sends from, the members' three email switches, and a
 * place for server secrets every process shares (the unsubscribe tokens' HMAC key).
 *
 * An outbox row is written in the same transaction as the change it tells of and removed once
 * sent or dropped, so the table holds only what is still to do (and what failed for good). The
 * worker claims due rows by moving `due_at` forward by a lease, so a process killed mid-send
 * leaves its rows to be claimed again once the lease runs out. Rows go with the member they are
 * for and with the invitation they are about (account deletion, A4).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
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
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // What the worker asks every second: the pending rows due by now, soonest first.
  await db.schema
    .createIndex('email_outbox_due')
    .on('email_outbox')
    .columns(['due_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // For the cascades from members and invitations.
  await db.schema.createIndex('email_outbox_member').on('email_outbox').column('member_id').execute();
  await db.schema.createIndex('email_outbox_invitation').on('email_outbox').column('invitation_id').execute();

  await db.schema
    .alterTable('members')
    .addColumn('email_invitation_received', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('members')
    .addColumn('email_invitation_accepted', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('members')
    .addColumn('email_reminders', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(256)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_secrets').execute();
  for (const column of ['email_reminders', 'email_invitation_accepted', 'email_invitation_received']) {
    await db.schema.alterTable('members').dropColumn(column).execute();
  }
  await db.schema.dropTable('email_outbox').execute();
}
