import { Type } from 'typebox';
import { MAX_RESTRICT_DAYS } from '../../../domain/trust.js';
import { PageQuery, listEnvelope } from '../../pagination.js';
import { MemberSchema, OpaqueId } from '../../presenters.js';

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
// Bounded here only to keep abuse cheap; the 1000-character rule is the domain's.
const Reason = Type.String({ maxLength: 5000, description: 'Why: 1–1000 characters, kept in the audit log' });
const Limit = Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()]);

export const ReportId = Type.Object({ id: OpaqueId });
export const MemberId = Type.Object({ id: OpaqueId });

export const ReportsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')], { default: 'open' })),
  ...PageQuery,
});

export const ReportItem = Type.Object({
  id: Type.String(),
  reason: Type.Union([
    Type.Literal('spam'),
    Type.Literal('harassment'),
    Type.Literal('fake'),
    Type.Literal('other'),
  ]),
  comment: Type.Union([Type.String(), Type.Null()]),
  createdAt: Time,
  reporter: MemberSchema,
  reported: MemberSchema,
  invitation: Type.Union(
    [Type.Object({ message: Type.Union([Type.String(), Type.Null()]), sentAt: Time }), Type.Null()],
    { description: 'The reported invitation as it was when reported, even if withdrawn since' },
  ),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  resolution: Type.Union([
    Type.Literal('dismiss'),
    Type.Literal('restrict'),
    Type.Literal('suspend'),
    Type.Null(),
  ]),
  resolvedAt: Type.Union([Time, Type.Null()]),
});
export const ReportList = listEnvelope(ReportItem);

export const ResolveBody = Type.Object(
  {
    action: Type.Union([Type.Literal('dismiss'), Type.Literal('restrict'), Type.Literal('suspend')], {
      description: 'restrict: for RAPPORT_RESTRICT_DAYS; suspend: as POST /admin/members/:id/suspend',
    }),
    note: Type.Optional(Type.Union([Reason, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const RestrictBody = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: MAX_RESTRICT_DAYS }), reason: Reason },
  { additionalProperties: false },
);
export const LimitsBody = Type.Object(
  { invitesPerDay: Limit, invitesPerWeek: Limit, maxPendingSent: Limit, reason: Reason },
  { additionalProperties: false, description: 'null: the deployment’s configuration applies' },
);

export const MemberReply = Type.Object({
  member: MemberSchema,
  email: Type.String(),
  standing: Type.Object(
    {
      sent30d: Count,
      accepted30d: Count,
      dontKnow30d: Count,
      reports30d: Count,
      memberReports30d: Count,
    },
    { description: 'The last 30 days: reports30d counts reports on their invitations and on them' },
  ),
  restrictedUntil: Type.Union([Time, Type.Null()]),
  suspended: Type.Boolean(),
  suspendedAt: Type.Union([Time, Type.Null()]),
  moderator: Type.Boolean(),
  limits: Type.Object({
    invitesPerDay: Limit,
    invitesPerWeek: Limit,
    maxPendingSent: Limit,
    effective: Type.Object({ invitesPerDay: Count, invitesPerWeek: Count, maxPendingSent: Count }),
  }),
  pendingSent: Count,
  connections: Count,
});

export const MembersQuery = Type.Object({
  query: Type.String({
    minLength: 1,
    maxLength: 320,
    description: 'An email address, or text a name contains',
  }),
});
export const MembersReply = Type.Object({
  items: Type.Array(Type.Object({ ...MemberSchema.properties, suspended: Type.Boolean() })),
});

export const AuditQuery = Type.Object({
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      default: 'json',
      description: '`json`: one page of the list; `csv`: the whole log, as a download',
    }),
  ),
  ...PageQuery,
});
export const AuditItem = Type.Object({
  id: Type.String(),
  moderator: Type.Object(MemberSchema.properties, {
    description:
      'Who acted. A moderator; for `rapport admin` on the command line (and the demo network) the ' +
      'operator, `{id: "operator", name: "Operator LOGIN (command line)"}` with the system login ' +
      'that ran it when recorded; for the automatic restriction (M3) `{id: "system", name: ' +
      '"Rapport (automatic)"}`. Neither id is ever a member\'s.',
  }),
  actor: Type.Union([Type.Literal('moderator'), Type.Literal('operator'), Type.Literal('system')], {
    description: 'Which kind of actor `moderator` is',
  }),
  action: Type.String({
    description: 'grant, revoke, dismiss, restrict, suspend, unsuspend, set_limits, auto_restrict',
  }),
  target: Type.Union([MemberSchema, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  reportId: Type.Union([Type.String(), Type.Null()]),
  at: Time,
});
export const AuditReply = {
  200: {
    description:
      'Every moderator action, newest first. JSON: one page. CSV (RFC 4180): the whole log, header ' +
      '`id,at,moderator_id,moderator_name,action,target_id,target_name,reason,report_id,actor`.',
    content: {
      'application/json': { schema: listEnvelope(AuditItem) },
      'text/csv': { schema: Type.String() },
    },
  },
};
export const AuditExportQuery = Type.Object({
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
});
export const AuditExportReply = {
  200: {
    description: 'The whole audit log as a download: a JSON array of AuditItem, or the CSV above',
    content: {
      'application/json': { schema: Type.Array(AuditItem) },
      'text/csv': { schema: Type.String() },
    },
  },
};
