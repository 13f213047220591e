import { Type } from 'typebox';
import { listEnvelope, PageQuery } from '../../pagination.js';
import { MemberSchema, MutualFields, OpaqueId } from '../../presenters.js';

export const MemberParams = Type.Object({ id: OpaqueId });

export const Relationship = Type.Union(
  [
    Type.Literal('self'),
    Type.Literal('none'),
    Type.Literal('invitation_sent'),
    Type.Literal('invitation_received'),
    Type.Literal('connected'),
  ],
  { description: 'How the viewer and this member are related' },
);

export const ProfileReply = Type.Object({
  member: MemberSchema,
  relationship: Relationship,
  invitationId: Type.Union([Type.String(), Type.Null()], {
    description: 'The pending invitation for invitation_sent and invitation_received, else null',
  }),
  connectionCount: Type.Integer(),
  ...MutualFields,
  canInviteAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description:
      'Set only when a resend cooldown is configured and the viewer withdrew an invitation to this member: when they may invite again (I12)',
  }),
  invitationRequiresEmail: Type.Boolean({
    description:
      'True when Connect needs this member’s email address (`recipientEmail`), for whatever reason: the ' +
      'member accepts only senders who know it, or marked the viewer “don’t know”, or the viewer is ' +
      'restricted. The address itself is never shown. False unless the relationship is `none`.',
  }),
});

export const SearchQuery = Type.Object({
  query: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'Text the name contains, ignoring case and surrounding white space',
  }),
  ...PageQuery,
});

export const SearchReply = listEnvelope(MemberSchema);

export const MutualQuery = Type.Object({ ...PageQuery });
export const MutualReply = listEnvelope(MemberSchema);
