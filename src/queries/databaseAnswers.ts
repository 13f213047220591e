import { sql } from 'kysely';
import type { Deps } from '../commands/deps.js';

/** Whether the database answers a trivial statement (/healthz). */
export async function databaseAnswers(deps: Deps): Promise<boolean> {
  try {
    await sql`select 1`.execute(deps.db);
    return true;
  } catch {
    return false;
  }
}
