import { DomainError } from '../domain/errors.js';
import { normalizeReportComment, REPORT_REPEAT_WINDOW, type ReportReason } from '../domain/trust.js';
import { newId } from '../storage/ids.js';
import { pairFacts } from '../storage/repositories/blocks.js';
import { lockAndLoadMembers } from '../storage/repositories/members.js';
import { insertReport, reportedInvitation, reportedMemberSince } from '../storage/repositories/reports.js';
import { bumpStanding } from '../storage/repositories/standing.js';
import { inTransaction, type Actor, type Deps } from './deps.js';
import { ignoreReceived } from './support/ignore.js';
import { countMarkAgainstSender } from './support/standing.js';

export type ReportInput =
  | { invitationId: string; reason: ReportReason; comment?: string | null | undefined }
  | { memberId: string; reason: ReportReason; comment?: string | null | undefined };

/**
 * Report (M2) a received invitation or a member. Reporting an invitation also ignores it, and the
 * report keeps a copy (the note, the names, when it was sent) that moderators see even after the
 * sender withdraws. Nothing the reporter or the reported member can reach shows it.
 */
export async function fileReport(deps: Deps, actor: Actor, input: ReportInput): Promise<{ id: string }> {
  const comment = normalizeReportComment(input.comment);
  return inTransaction(deps, async (trx, events) => {
    const now = deps.clock.now();
    const id = newId();
    if ('invitationId' in input) {
      if (await reportedInvitation(trx, actor.id, input.invitationId)) {
        throw new DomainError('already_reported', 'You already reported this invitation');
      }
      // Only the recipient's own pending, not ignored invitation; anything else is "not found".
      const invitation = await ignoreReceived(deps, trx, events, actor, input.invitationId);
      const members = await lockAndLoadMembers(trx, deps.dialect, [actor.id, invitation.sender_id]);
      const reporter = members.get(actor.id);
      const reported = members.get(invitation.sender_id);
      if (!reporter || !reported) throw DomainError.notFound('No such invitation');
      await insertReport(trx, {
        id,
        reporter_id: actor.id,
        reported_id: reported.id,
        invitation_id: invitation.id,
        reason: input.reason,
        comment,
        created_at: now,
        status: 'open',
        snapshot_reporter_name: reporter.name,
        snapshot_reported_name: reported.name,
        snapshot_message: invitation.message,
        snapshot_sent_at: invitation.sent_at,
      });
      await countMarkAgainstSender(deps, trx, reported.id, 'invitation_reports', now);
      return { id };
    }
    if (input.memberId === actor.id)
      throw new DomainError('cannot_report_self', 'You cannot report yourself');
    const members = await lockAndLoadMembers(trx, deps.dialect, [actor.id, input.memberId]);
    const reporter = members.get(actor.id);
    const reported = members.get(input.memberId);
    if (!reporter) throw new DomainError('unauthorized');
    // A suspended member or a block either way reads as "no such member", as everywhere else.
    if (
      !reported ||
      reported.suspended_at !== null ||
      (await pairFacts(trx, actor.id, reported.id)).blocked
    ) {
      throw DomainError.notFound('No such member');
    }
    if (await reportedMemberSince(trx, actor.id, reported.id, now - REPORT_REPEAT_WINDOW)) {
      throw new DomainError('already_reported', 'You reported this member within the last day');
    }
    await insertReport(trx, {
      id,
      reporter_id: actor.id,
      reported_id: reported.id,
      invitation_id: null,
      reason: input.reason,
      comment,
      created_at: now,
      status: 'open',
      snapshot_reporter_name: reporter.name,
      snapshot_reported_name: reported.name,
      snapshot_message: null,
      snapshot_sent_at: null,
    });
    await bumpStanding(trx, reported.id, now, 'member_reports');
    return { id };
  });
}
