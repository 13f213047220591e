import { Type } from 'typebox';
import { MAX_NOTE_LENGTH } from '../../../domain/note.js';
import { PageQuery, listEnvelope } from '../../pagination.js';
import { MemberSchema, MutualFields, OpaqueId } from '../../presenters.js';
import { RateLimitedResponse } from '../../routeConventions.js';

export const InvitationId = Type.Object({ id: OpaqueId });

export const SendBody = Type.Object(
  {
    recipientId: OpaqueId,
    // Trimmed before validation (the route's preValidation), so this is the domain's rule (I1).
    message: Type.Optional(
      // One schema for string or null, so a refusal names one fault (maxLength applies to strings).
      Type.Unsafe<string | null>({
        type: ['string', 'null'],
        maxLength: MAX_NOTE_LENGTH,
        description: `At most ${MAX_NOTE_LENGTH} characters (code points) after trimming surrounding white space; line breaks and tabs allowed, other control characters refused`,
      }),
    ),
    recipientEmail: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const SentView = Type.Object({
  id: Type.String(),
  recipient: MemberSchema,
  message: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.String({ format: 'date-time' }),
  ...MutualFields,
});

export const ReceivedView = Type.Object({
  id: Type.String(),
  sender: MemberSchema,
  message: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.String({ format: 'date-time' }),
  ...MutualFields,
});

export const ConnectionView = Type.Object({
  member: MemberSchema,
  connectedAt: Type.String({ format: 'date-time' }),
});

export const SendReply = {
  429: RateLimitedResponse,
  201: Type.Object({ invitation: SentView }, { description: 'The invitation was sent' }),
  200: Type.Object(
    { connection: ConnectionView },
    { description: 'The recipient had already invited you: their invitation was accepted (I3)' },
  ),
};

export const SentQuery = Type.Object({
  ...PageQuery,
  olderThanDays: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 36500, description: 'Only sentAt ≤ now − N days' }),
  ),
  query: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Recipient name contains' })),
});

export const ReceivedQuery = Type.Object({ ...PageQuery });

export const SentList = listEnvelope(SentView);
export const ReceivedList = listEnvelope(ReceivedView);

const Ids = (max: number) => Type.Array(OpaqueId, { minItems: 1, maxItems: max });

export const BulkWithdrawBody = Type.Union([
  Type.Object({ ids: Ids(10_000) }, { additionalProperties: false }),
  Type.Object(
    { olderThanDays: Type.Integer({ minimum: 1, maximum: 36500 }) },
    { additionalProperties: false },
  ),
]);

export const BulkWithdrawReply = Type.Object({
  withdrawn: Type.Array(Type.String()),
  skipped: Type.Array(Type.String()),
});

export const BulkIdsBody = Type.Object({ ids: Ids(1000) }, { additionalProperties: false });
export const BulkAcceptReply = Type.Object({
  accepted: Type.Array(Type.String()),
  skipped: Type.Array(Type.String()),
});
export const BulkIgnoreReply = Type.Object({
  ignored: Type.Array(Type.String()),
  skipped: Type.Array(Type.String()),
});
