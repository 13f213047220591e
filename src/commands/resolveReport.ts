import { DomainError } from '../domain/errors.js';
import { normalizeReason, restrictionUntil } from '../domain/trust.js';
import { appendAudit } from '../storage/repositories/auditLog.js';
import { findReport, resolveReport as closeReport } from '../storage/repositories/reports.js';
import type { ReportResolution } from '../storage/tables.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { lockModeratorAndMember, restrictWithin, suspendWithin } from './support/moderation.js';

/**
 * A moderator resolves an open report (M4): dismiss it, restrict the reported member for
 * RAPPORT_RESTRICT_DAYS, or suspend them — the report closes and the action is logged in the same
 * transaction. A report already resolved (by another moderator, say) is 409 report_not_open.
 */
export async function resolveReport(
  deps: Deps,
  actor: Actor,
  input: { reportId: string; action: ReportResolution; note?: string | null | undefined },
): Promise<void> {
  const note = input.note?.trim() ? normalizeReason(input.note, '/note') : null;
  await inTransaction(deps, async (trx, events) => {
    const report = await findReport(trx, input.reportId);
    if (!report) throw DomainError.notFound('No such report');
    const { moderator, member } = await lockModeratorAndMember(deps, trx, actor, report.reported_id);
    if (!(await closeReport(trx, report.id, moderator.id, input.action, deps.clock.now()))) {
      throw new DomainError('report_not_open', 'This report was already resolved');
    }
    const reason = note ?? `Report ${report.id} (${report.reason})`;
    if (input.action === 'dismiss') {
      await appendAudit(trx, {
        at: deps.clock.now(),
        moderator,
        action: 'dismiss',
        target: { id: member.id, name: member.name },
        reason,
        reportId: report.id,
      });
    } else if (input.action === 'restrict') {
      const until = restrictionUntil(deps.config.restrictDays, deps.clock.now());
      await restrictWithin(deps, trx, moderator, member, until, reason, report.id);
    } else {
      await suspendWithin(deps, trx, events, moderator, member, reason, report.id);
    }
  });
}
