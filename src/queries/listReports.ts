import type { Actor, Deps } from '../commands/deps.js';
import type { MemberSummary } from '../domain/members.js';
import type { ReportReason, ReportResolution } from '../storage/tables.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';

export interface ReportEntry {
  id: string;
  reason: ReportReason;
  comment: string | null;
  createdAt: number;
  reporter: MemberSummary;
  reported: MemberSummary;
  /** The reported invitation as it was when reported, even if withdrawn since; null for a member report. */
  invitation: { message: string | null; sentAt: number } | null;
  status: 'open' | 'resolved';
  resolution: ReportResolution | null;
  resolvedAt: number | null;
}

/**
 * The moderators' queue (M4): reports newest first, open ones by default. Each shows the snapshot
 * the report took, never the invitation itself: moderators see members' invitations only as
 * reported. Names are the members' current ones, or the snapshot's when the account is gone.
 */
export async function listReports(
  deps: Deps,
  _moderator: Actor,
  input: { status: 'open' | 'resolved'; limit: number; after?: PageKey | undefined },
): Promise<Page<ReportEntry>> {
  let query = deps.db
    .selectFrom('reports as r')
    .leftJoin('members as a', 'a.id', 'r.reporter_id')
    .leftJoin('members as b', 'b.id', 'r.reported_id')
    .select([
      'r.id',
      'r.reason',
      'r.comment',
      'r.created_at',
      'r.status',
      'r.resolution',
      'r.resolved_at',
      'r.invitation_id',
      'r.reporter_id',
      'r.reported_id',
      'r.snapshot_reporter_name',
      'r.snapshot_reported_name',
      'r.snapshot_message',
      'r.snapshot_sent_at',
      'a.name as reporter_name',
      'a.headline as reporter_headline',
      'b.name as reported_name',
      'b.headline as reported_headline',
    ])
    .where('r.status', '=', input.status)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(input.limit + 1);
  const after = input.after;
  if (after) query = query.where((eb) => olderThan(eb, 'r.created_at', 'r.id', after));
  const [rows, count] = await Promise.all([
    query.execute(),
    deps.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', input.status)
      .executeTakeFirstOrThrow(),
  ]);
  const entries: ReportEntry[] = rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    comment: r.comment,
    createdAt: r.created_at,
    reporter: {
      id: r.reporter_id,
      name: r.reporter_name ?? r.snapshot_reporter_name,
      headline: r.reporter_headline ?? '',
    },
    reported: {
      id: r.reported_id,
      name: r.reported_name ?? r.snapshot_reported_name,
      headline: r.reported_headline ?? '',
    },
    invitation:
      r.invitation_id === null || r.snapshot_sent_at === null
        ? null
        : { message: r.snapshot_message, sentAt: r.snapshot_sent_at },
    status: r.status === 'resolved' ? 'resolved' : 'open',
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
  }));
  return pageOf(entries, input.limit, (e) => ({ t: e.createdAt, id: e.id }), Number(count.n));
}
