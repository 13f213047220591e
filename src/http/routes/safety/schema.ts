import { Type } from 'typebox';
import { REPORT_REASONS } from '../../../domain/trust.js';
import { OpaqueId } from '../../presenters.js';

export const InvitationId = Type.Object({ id: OpaqueId });

const Reason = Type.Union(
  REPORT_REASONS.map((r) => Type.Literal(r)),
  { description: 'spam, harassment, fake (a fake profile) or other' },
);
// Bounded here only to keep abuse cheap; the 1000-character rule is the domain's.
const Comment = Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()]));

export const ReportBody = Type.Union([
  Type.Object({ invitationId: OpaqueId, reason: Reason, comment: Comment }, { additionalProperties: false }),
  Type.Object({ memberId: OpaqueId, reason: Reason, comment: Comment }, { additionalProperties: false }),
]);

export const ReportReply = Type.Object({ id: Type.String() }, { description: 'The report was filed' });

export const BulkIdsBody = Type.Object(
  { ids: Type.Array(OpaqueId, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export const BulkDontKnowReply = Type.Object({
  marked: Type.Array(Type.String()),
  skipped: Type.Array(Type.String()),
});
