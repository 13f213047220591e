// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('members')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_normalized', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(512)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_lower', 'varchar(200)', (c) => c.notNull())
    .addColumn('headline', 'varchar(400)', (c) => c.notNull().defaultTo(''))
    .addColumn('who_can_invite', 'varchar(20)', (c) => c.notNull().defaultTo('everyone'))
    .addColumn('auto_withdraw_after_days', 'integer')
    .addColumn('connection_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_received_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_stale_reminder_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_name_lower').on('members').columns(['name_lower', 'id']).execute();
  await db.schema
    .createIndex('members_auto_withdraw')
    .on('members')
    .column('auto_withdraw_after_days')
    .where(sql.ref('auto_withdraw_after_days'), 'is not', null)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('sender_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('recipient_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('pair_key', 'varchar(130)', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('ignored_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .execute();
  // One pending invitation per pair, whatever the interleaving: the database keeps it.
  await db.schema
    .createIndex('invitations_one_pending_per_pair')
    .on('invitations')
    .column('pair_key')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('invitations_sender_list')
    .on('invitations')
    .columns(['sender_id', 'status', 'sent_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invitations_recipient_list')
    .on('invitations')
    .columns(['recipient_id', 'status', 'sent_at', 'id'])
    .execute();
  // Quota windows and the full contact history: every invitation a member sent, by time.
  await db.schema
    .createIndex('invitations_sender_history')
    .on('invitations')
    .columns(['sender_id', 'sent_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invitations_pair_status')
    .on('invitations')
    .columns(['pair_key', 'status', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('invitations_pending_age')
    .on('invitations')
    .columns(['status', 'sent_at'])
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('other_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('connections_pk', ['member_id', 'other_id'])
    .execute();
  await db.schema
    .createIndex('connections_list')
    .on('connections')
    .columns(['member_id', 'connected_at', 'other_id'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('blocked_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('blocks_blocked').on('blocks').columns(['blocked_id', 'blocker_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)', (c) => c.references('members.id').onDelete('cascade'))
    .addColumn('invitation_id', 'varchar(64)', (c) => c.references('invitations.id').onDelete('cascade'))
    .addColumn('count', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('notifications_list')
    .on('notifications')
    .columns(['member_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_invitation')
    .on('notifications')
    .column('invitation_id')
    .execute();
  await db.schema.createIndex('notifications_actor').on('notifications').column('actor_id').execute();
  await db.schema
    .createIndex('notifications_unread')
    .on('notifications')
    .column('member_id')
    .where(sql.ref('read_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('email_normalized', 'varchar(320)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_email')
    .on('login_failures')
    .columns(['email_normalized', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'login_failures',
    'notifications',
    'blocks',
    'connections',
    'invitations',
    'sessions',
    'members',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
