// Frozen in time: this migration never imports application code.
import type { Kysely } from 'kysely';

/**
 * Wrong `recipientEmail` guesses, so a sender cannot find out a member's email address by trying
 * one after another: counted per sender and per sender → recipient over 24 hours. A send reads the
 * sender's index range; the recipient index serves the cascade when that member is deleted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_guesses')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('sender_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('recipient_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_guesses_sender')
    .on('email_guesses')
    .columns(['sender_id', 'at'])
    .execute();
  await db.schema
    .createIndex('email_guesses_pair')
    .on('email_guesses')
    .columns(['sender_id', 'recipient_id', 'at'])
    .execute();
  await db.schema.createIndex('email_guesses_recipient').on('email_guesses').column('recipient_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_guesses').execute();
}
