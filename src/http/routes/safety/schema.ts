import { Type } from 'typebox';
import { MAX_REPORT_COMMENT, REPORT_REASONS } from '../../../domain/trust.js';
import { OpaqueId } from '../../presenters.js';

export const InvitationId = Type.Object({ id: OpaqueId });

const Reason = Type.Union(
  REPORT_REASONS.map((r) => Type.Literal(r)),
  { description: 'spam, harassment, fake (a fake profile) or other' },
);
// Trimmed before validation (the route's preValidation), so this is the domain's rule.
const Comment = Type.Optional(
  Type.Unsafe<string | null>({
    type: ['string', 'null'],
    maxLength: MAX_REPORT_COMMENT,
    description: `At most ${MAX_REPORT_COMMENT} characters (code points) after trimming`,
  }),
);

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
