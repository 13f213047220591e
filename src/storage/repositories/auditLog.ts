import type { Queryable } from '../database.js';
import { newId } from '../ids.js';
import type { AuditAction } from '../tables.js';

export interface AuditEntry {
  at: number;
  /**
   * Who acted: a moderator (a member), the operator from the command line (with the system login
   * that ran it, when known), or null for Rapport itself (the automatic restriction, M3).
   */
  moderator: { id: string; name: string } | { operator: string | null } | null;
  action: AuditAction;
  target: { id: string; name: string } | null;
  reason: string | null;
  reportId?: string | null;
}

/** Appends one row; the table refuses UPDATE and DELETE (its triggers), so this is all it takes. */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<string> {
  const id = newId();
  await db
    .insertInto('audit_log')
    .values({
      id,
      at: entry.at,
      moderator_id: entry.moderator && 'id' in entry.moderator ? entry.moderator.id : null,
      moderator_name:
        entry.moderator === null
          ? null
          : 'id' in entry.moderator
            ? entry.moderator.name
            : entry.moderator.operator,
      action: entry.action,
      target_id: entry.target?.id ?? null,
      target_name: entry.target?.name ?? null,
      reason: entry.reason,
      report_id: entry.reportId ?? null,
    })
    .execute();
  return id;
}
