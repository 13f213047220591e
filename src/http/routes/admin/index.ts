import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../../commands/deps.js';
import { resolveReport } from '../../../commands/resolveReport.js';
import { restrictMember } from '../../../commands/restrictMember.js';
import { setSendingLimits } from '../../../commands/setSendingLimits.js';
import { suspendMember } from '../../../commands/suspendMember.js';
import { unsuspendMember } from '../../../commands/unsuspendMember.js';
import { findMembersForModerators } from '../../../queries/findMembersForModerators.js';
import { getModeratedMember } from '../../../queries/getModeratedMember.js';
import { auditLogCsv, auditLogJson, listAuditLog, type AuditEntry } from '../../../queries/listAuditLog.js';
import { listReports, type ReportEntry } from '../../../queries/listReports.js';
import { actorOf, moderatorGate } from '../../auth.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { iso, isoOrNull, presentMember } from '../../presenters.js';
import {
  AuditExportQuery,
  AuditExportReply,
  AuditQuery,
  AuditReply,
  LimitsBody,
  MemberId,
  MemberReply,
  MembersQuery,
  MembersReply,
  ReasonBody,
  ReportId,
  ReportList,
  ReportsQuery,
  ResolveBody,
  RestrictBody,
} from './schema.js';

const Done = { 204: Type.Null({ description: 'Done' }) };

function presentReport(r: ReportEntry) {
  return {
    id: r.id,
    reason: r.reason,
    comment: r.comment,
    createdAt: iso(r.createdAt),
    reporter: presentMember(r.reporter),
    reported: presentMember(r.reported),
    invitation: r.invitation && { message: r.invitation.message, sentAt: iso(r.invitation.sentAt) },
    status: r.status,
    resolution: r.resolution,
    resolvedAt: isoOrNull(r.resolvedAt),
  };
}

function presentAudit(e: AuditEntry) {
  return {
    id: e.id,
    moderator: presentMember(e.moderator),
    actor: e.actor,
    action: e.action,
    target: e.target && presentMember(e.target),
    reason: e.reason,
    reportId: e.reportId,
    at: iso(e.at),
  };
}

/**
 * The moderation console's API (M4), under /api/v1/admin. Registered outside the members' API
 * scope: its own gate (moderatorGate) replaces sign-in, so that to anyone but a moderator every
 * path here answers exactly as one that does not exist. Moderators see members' invitations only
 * as the snapshots reports took; no route here reads an invitation.
 */
const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', (request, reply) => moderatorGate(deps, request, reply));
  const tags = ['admin'];

  app.get(
    '/admin/reports',
    {
      schema: {
        tags,
        summary: 'The reports queue, newest first, with what was reported as it was (M4)',
        querystring: ReportsQuery,
        response: { 200: ReportList },
      },
    },
    async (request) => {
      const page = await listReports(deps, actorOf(request), {
        status: request.query.status ?? 'open',
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return presentPage(page, presentReport);
    },
  );

  app.post(
    '/admin/reports/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a report: dismiss it, restrict or suspend the reported member (M4)',
        params: ReportId,
        body: ResolveBody,
        response: Done,
      },
    },
    async (request, reply) => {
      await resolveReport(deps, actorOf(request), {
        reportId: request.params.id,
        action: request.body.action,
        note: request.body.note,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/members',
    {
      schema: {
        tags,
        summary: 'Find a member by email or name, suspended ones included (M4)',
        querystring: MembersQuery,
        response: { 200: MembersReply },
      },
    },
    async (request) => ({
      items: await findMembersForModerators(deps, actorOf(request), request.query.query),
    }),
  );

  app.get(
    '/admin/members/:id',
    {
      schema: {
        tags,
        summary: 'A member’s standing, restriction, suspension and limits — counts, never invitations (M4)',
        params: MemberId,
        response: { 200: MemberReply },
      },
    },
    async (request) => {
      const m = await getModeratedMember(deps, actorOf(request), request.params.id);
      return {
        ...m,
        member: presentMember(m.member),
        restrictedUntil: isoOrNull(m.restrictedUntil),
        suspendedAt: isoOrNull(m.suspendedAt),
      };
    },
  );

  app.post(
    '/admin/members/:id/suspend',
    {
      schema: {
        tags,
        summary:
          'Suspend: sessions and live streams end, pending invitations both ways vanish, the member reads as deleted (M4)',
        params: MemberId,
        body: ReasonBody,
        response: Done,
      },
    },
    async (request, reply) => {
      await suspendMember(deps, actorOf(request), {
        memberId: request.params.id,
        reason: request.body.reason,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/members/:id/unsuspend',
    {
      schema: {
        tags,
        summary: 'Lift a suspension: the member and their connections come back as they were (M4)',
        params: MemberId,
        body: ReasonBody,
        response: Done,
      },
    },
    async (request, reply) => {
      await unsuspendMember(deps, actorOf(request), {
        memberId: request.params.id,
        reason: request.body.reason,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/members/:id/restrict',
    {
      schema: {
        tags,
        summary: 'Restrict for N days: each invitation the member sends needs the recipient’s email (M4)',
        params: MemberId,
        body: RestrictBody,
        response: Done,
      },
    },
    async (request, reply) => {
      await restrictMember(deps, actorOf(request), {
        memberId: request.params.id,
        days: request.body.days,
        reason: request.body.reason,
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/admin/members/:id/limits',
    {
      schema: {
        tags,
        summary: 'Set a member’s own sending limits; null restores the configuration’s (M4)',
        params: MemberId,
        body: LimitsBody,
        response: Done,
      },
    },
    async (request, reply) => {
      await setSendingLimits(deps, actorOf(request), { memberId: request.params.id, ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        tags,
        summary: 'The audit log: every moderator action, newest first; append-only (M4)',
        querystring: AuditQuery,
        response: AuditReply,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.query.format === 'csv') return sendCsv(reply, auditLogCsv(deps, actor));
      const page = await listAuditLog(deps, actor, {
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return reply.type('application/json; charset=utf-8').send(presentPage(page, presentAudit));
    },
  );

  app.get(
    '/admin/audit/export',
    {
      schema: {
        tags,
        summary: 'The whole audit log as a download, JSON or CSV (M4)',
        querystring: AuditExportQuery,
        response: AuditExportReply,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.query.format === 'csv') return sendCsv(reply, auditLogCsv(deps, actor));
      // A stream bypasses response serialization; the type provider only knows the schema's type.
      const json = Readable.from(auditLogJson(deps, actor, presentAudit)) as unknown as never[];
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rapport-audit-log.json"')
        .send(json);
    },
  );
};

function sendCsv(reply: FastifyReply, chunks: AsyncIterable<string>) {
  const csv = Readable.from(chunks) as unknown as string;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="rapport-audit-log.csv"')
    .send(csv);
}

export default routes;
