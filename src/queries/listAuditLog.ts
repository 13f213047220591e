import type { Actor, Deps } from '../commands/deps.js';
import { csvLines } from '../csv.js';
import type { MemberSummary } from '../domain/members.js';
import type { Queryable } from '../storage/database.js';
import type { AuditAction } from '../storage/tables.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';

/**
 * Who acted (api.md: `moderator: Member`): a moderator; the operator from the command line
 * (`rapport admin`, the demo network) — no member, so a stand-in with the id `operator` and the
 * system login that ran it when recorded; or Rapport itself (the automatic restriction, M3), a
 * stand-in with the id `system`. Neither stand-in id is ever a member's (those are UUIDs).
 */
export type AuditActor = 'moderator' | 'operator' | 'system';

export const OPERATOR_ID = 'operator';
export const SYSTEM_ID = 'system';

export interface AuditEntry {
  id: string;
  moderator: MemberSummary;
  actor: AuditActor;
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
  'actor',
] as const;

function actorOf(row: {
  moderator_id: string | null;
  moderator_name: string | null;
  moderator_headline: string | null;
  action: AuditAction;
}): { actor: AuditActor; moderator: MemberSummary } {
  if (row.moderator_id !== null) {
    return {
      actor: 'moderator',
      moderator: {
        id: row.moderator_id,
        name: row.moderator_name ?? '',
        headline: row.moderator_headline ?? '',
      },
    };
  }
  // Only the automatic restriction acts on its own; every other row without a member is the
  // operator's (rows from before the login was recorded have none).
  if (row.action === 'auto_restrict') {
    return {
      actor: 'system',
      moderator: { id: SYSTEM_ID, name: 'Rapport (automatic)', headline: 'Automatic restriction' },
    };
  }
  const login = row.moderator_name;
  return {
    actor: 'operator',
    moderator: {
      id: OPERATOR_ID,
      name: login ? `Operator ${login} (command line)` : 'Operator (command line)',
      headline: 'rapport admin',
    },
  };
}

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
    ...actorOf(r),
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
        e.moderator.id,
        e.moderator.name,
        e.action,
        e.target?.id ?? null,
        e.target?.name ?? null,
        e.reason,
        e.reportId,
        e.actor,
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
