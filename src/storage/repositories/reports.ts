import type { Queryable } from '../database.js';
import type { ReportResolution, ReportsTable } from '../tables.js';
import type { Insertable } from 'kysely';

export async function insertReport(db: Queryable, row: Insertable<ReportsTable>): Promise<void> {
  await db.insertInto('reports').values(row).execute();
}

/** Whether `reporterId` reported `reportedId` (as a member) since `since`. */
export async function reportedMemberSince(
  db: Queryable,
  reporterId: string,
  reportedId: string,
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', reporterId)
    .where('reported_id', '=', reportedId)
    .where('created_at', '>', since)
    .where('invitation_id', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findReport(db: Queryable, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes an open report; false when it was not open (already resolved, or racing another moderator). */
export async function resolveReport(
  db: Queryable,
  id: string,
  by: string,
  resolution: ReportResolution,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({ status: 'resolved', resolved_at: at, resolved_by: by, resolution })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether `reporterId` already reported this invitation. */
export async function reportedInvitation(
  db: Queryable,
  reporterId: string,
  invitationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', reporterId)
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
  return row !== undefined;
}
