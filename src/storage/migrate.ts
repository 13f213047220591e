import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as initial from './migrations/2026_11_27_0001_initial.js';
import * as pendingAgePartial from './migrations/2026_11_27_0002_pending_age_partial.js';
import * as lookupIndexes from './migrations/2026_11_27_0003_lookup_indexes.js';
import * as pairIndexesPartial from './migrations/2026_11_27_0004_pair_indexes_partial.js';
import * as coveringListIndexes from './migrations/2026_11_27_0005_covering_list_indexes.js';
import * as trustAndSafety from './migrations/2026_12_03_0100_trust_and_safety.js';
import * as emailOutbox from './migrations/2026_12_03_0101_email_outbox.js';
import * as suggestionDismissals from './migrations/2026_12_03_0102_suggestion_dismissals.js';
import * as loginFailuresByAddress from './migrations/2026_12_03_0110_login_failures_by_address.js';
import * as emailGuesses from './migrations/2026_12_03_0111_email_guesses.js';
import * as suspendedConnections from './migrations/2026_12_03_0112_suspended_connections.js';
import * as invitationMutualCount from './migrations/2026_12_03_0120_invitation_mutual_count.js';
import * as narrowOutbox from './migrations/2026_12_04_0130_narrow_outbox.js';
import * as outboxByDue from './migrations/2026_12_04_1930_outbox_by_due.js';
import * as invitationMutualPreview from './migrations/2026_12_04_2130_invitation_mutual_preview.js';

/** Migrations are listed here (not read from disk) so the compiled build carries them. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_27_0001_initial': initial,
  '2026_11_27_0002_pending_age_partial': pendingAgePartial,
  '2026_11_27_0003_lookup_indexes': lookupIndexes,
  '2026_11_27_0004_pair_indexes_partial': pairIndexesPartial,
  '2026_11_27_0005_covering_list_indexes': coveringListIndexes,
  '2026_12_03_0100_trust_and_safety': trustAndSafety,
  '2026_12_03_0101_email_outbox': emailOutbox,
  '2026_12_03_0102_suggestion_dismissals': suggestionDismissals,
  '2026_12_03_0110_login_failures_by_address': loginFailuresByAddress,
  '2026_12_03_0111_email_guesses': emailGuesses,
  '2026_12_03_0112_suspended_connections': suspendedConnections,
  '2026_12_03_0120_invitation_mutual_count': invitationMutualCount,
  '2026_12_04_0130_narrow_outbox': narrowOutbox,
  '2026_12_04_1930_outbox_by_due': outboxByDue,
  '2026_12_04_2130_invitation_mutual_preview': invitationMutualPreview,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(await bookkeepingSchema(db)) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * On PostgreSQL, keep Kysely's migration bookkeeping in the schema the app's tables go to (the
 * first of search_path). Without it Kysely looks for its tables in every schema, and a database
 * where another schema holds them (several apps, or one test schema per app) is never migrated.
 */
async function bookkeepingSchema(db: Db): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ? { migrationTableSchema: rows[0].schema } : {};
}
