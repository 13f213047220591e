// Frozen in time: this migration never imports application code.
import type { Kysely } from 'kysely';

/**
 * Failed sign-ins remember the client address they came from, so the lock-out counts per
 * (account, address): a stranger's wrong passwords no longer lock the owner out. Older rows get
 * an empty address and count as one address of their own until the window forgets them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('login_failures')
    .addColumn('client_address', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('login_failures_email_address')
    .on('login_failures')
    .columns(['email_normalized', 'client_address', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('login_failures_email_address').execute();
  await db.schema.alterTable('login_failures').dropColumn('client_address').execute();
}
