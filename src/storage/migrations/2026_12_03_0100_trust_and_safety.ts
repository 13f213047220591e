// Frozen in time: this migration never imports application code.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Trust and safety (M1–M4): "I don't know this person" marks, reports with their snapshot,
 * standing as per-member daily counters, restriction, suspension, moderators, per-member sending
 * limits, and the append-only audit log.
 *
 * Standing is kept as one row per member per UTC day, moved in the same transaction as the
 * change it counts, so "within 30 days" sums at most 30 small rows instead of counting a
 * sender's invitations.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .alterTable('members')
    .addColumn('is_moderator', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['suspended_at', 'restricted_until']) {
    await db.schema.alterTable('members').addColumn(column, 'bigint').execute();
  }
  // Per-member sending limits a moderator sets; null: the deployment's configuration.
  for (const column of ['invites_per_day', 'invites_per_week', 'max_pending_sent']) {
    await db.schema.alterTable('members').addColumn(column, 'integer').execute();
  }

  await db.schema
    .createTable('unknown_senders')
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('sender_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unknown_senders_pk', ['member_id', 'sender_id'])
    .execute();

  await db.schema
    .createTable('standing_days')
    .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dont_know', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invitation_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('member_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('standing_days_pk', ['member_id', 'day'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('reporter_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('reported_id', 'varchar(64)', (c) => c.notNull().references('members.id').onDelete('cascade'))
    // No reference: the report keeps its snapshot whatever becomes of the invitation.
    .addColumn('invitation_id', 'varchar(64)')
    .addColumn('reason', 'varchar(20)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'varchar(64)')
    .addColumn('resolution', 'varchar(20)')
    .addColumn('snapshot_reporter_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('snapshot_reported_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('snapshot_message', 'text')
    .addColumn('snapshot_sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('reports_queue')
    .on('reports')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('reports_by_reporter')
    .on('reports')
    .columns(['reporter_id', 'reported_id', 'created_at'])
    .execute();
  await db.schema.createIndex('reports_reported').on('reports').column('reported_id').execute();

  // No references either: deleting a member must not delete (or be stopped by) the log.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('moderator_id', 'varchar(64)')
    .addColumn('moderator_name', 'varchar(200)')
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(64)')
    .addColumn('target_name', 'varchar(200)')
    .addColumn('reason', 'text')
    .addColumn('report_id', 'varchar(64)')
    .execute();
  await db.schema.createIndex('audit_log_time').on('audit_log').columns(['at', 'id']).execute();

  // Append-only, enforced by the database itself, not only by the code.
  if (postgres) {
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end
      $$`.execute(db);
    await sql`
      create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    for (const event of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_log_no_${event} before ${event} on audit_log
           begin select raise(abort, 'audit_log is append-only'); end`,
        )
        .execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['audit_log', 'reports', 'standing_days', 'unknown_senders']) {
    await db.schema.dropTable(table).execute();
  }
  if (postgres) await sql`drop function audit_log_append_only()`.execute(db);
  for (const column of [
    'max_pending_sent',
    'invites_per_week',
    'invites_per_day',
    'restricted_until',
    'suspended_at',
    'is_moderator',
  ]) {
    await db.schema.alterTable('members').dropColumn(column).execute();
  }
}
