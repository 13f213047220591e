import type { Actor, Deps } from '../commands/deps.js';
import { csvLines } from '../csv.js';
import type { MemberSummary } from '../domain/members.js';
import type { Queryable } from '../storage/database.js';
import type { AuditAction } from '../storage/tables.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';

export interface AuditEntry {
  id: string;
  /** Null when the operator acted from the command line, or the automatic restriction did. */
  moderator: MemberSummary | null;
  action: AuditAction;
  target: MemberSummary | null;
  reason: string | null;
  reportId: string | null;
  at: number;
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'moderator_id',
  'moderator_name',
  'action',
  'target_id',
  'target_name',
  'reason',
  'report_id',
] as const;

async function auditRows(db: Queryable, after: PageKey | undefined, limit: number) {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('members as m', 'm.id', 'l.moderator_id')
    .leftJoin('members as t', 't.id', 'l.target_id')
    .select([
      'l.id',
      'l.at',
      'l.moderator_id',
      'l.moderator_name',
      'l.action',
      'l.target_id',
      'l.target_name',
      'l.reason',
      'l.report_id',
      'm.headline as moderator_headline',
      't.headline as target_headline',
    ])
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit);
  if (after) query = query.where((eb) => olderThan(eb, 'l.at', 'l.id', after));
  const rows = await query.execute();
  // Names as they were when the action was taken: the log records, it does not follow renames.
  return rows.map((r): AuditEntry => ({
    id: r.id,
    at: r.at,
    moderator:
      r.moderator_id === null
        ? null
        : { id: r.moderator_id, name: r.moderator_name ?? '', headline: r.moderator_headline ?? '' },
    action: r.action,
    target:
      r.target_id === null
        ? null
        : { id: r.target_id, name: r.target_name ?? '', headline: r.target_headline ?? '' },
    reason: r.reason,
    reportId: r.report_id,
  }));
}

/** The audit log (M4), newest first: every moderator action, as it was recorded. */
export async function listAuditLog(
  deps: Deps,
  _moderator: Actor,
  input: { limit: number; after?: PageKey | undefined },
): Promise<Page<AuditEntry>> {
  const [rows, count] = await Promise.all([
    auditRows(deps.db, input.after, input.limit + 1),
    deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return pageOf(rows, input.limit, (e) => ({ t: e.at, id: e.id }), Number(count.n));
}

/** The whole log in batches, newest first, without holding it all in memory. */
async function* eachAuditBatch(deps: Deps, batchSize = 1000): AsyncGenerator<AuditEntry[]> {
  let after: PageKey | undefined;
  for (;;) {
    const rows = await auditRows(deps.db, after, batchSize);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) return;
    after = { t: last.at, id: last.id };
  }
}

/** The export as CSV (src/csv.ts: RFC 4180, formulas neutralized), chunk by chunk. */
export async function* auditLogCsv(deps: Deps, _moderator: Actor): AsyncGenerator<string> {
  yield csvLines([[...AUDIT_CSV_COLUMNS]]);
  for await (const batch of eachAuditBatch(deps)) {
    yield csvLines(
      batch.map((e) => [
        e.id,
        new Date(e.at).toISOString(),
        e.moderator?.id ?? null,
        e.moderator?.name ?? null,
        e.action,
        e.target?.id ?? null,
        e.target?.name ?? null,
        e.reason,
        e.reportId,
      ]),
    );
  }
}

/** The export as one JSON array, streamed: `[`, the entries, `]`. */
export async function* auditLogJson(
  deps: Deps,
  _moderator: Actor,
  present: (e: AuditEntry) => unknown,
): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const batch of eachAuditBatch(deps)) {
    for (const e of batch) {
      yield `${first ? '' : ','}${JSON.stringify(present(e))}`;
      first = false;
    }
  }
  yield ']';
}
