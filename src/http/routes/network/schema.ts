import { Type } from 'typebox';
import { MemberSchema, MutualFields, OpaqueId } from '../../presenters.js';

export const NetworkSummaryReply = Type.Object({
  connections: Type.Integer(),
  invitationsReceived: Type.Integer({ description: 'Pending invitations received and not ignored' }),
  invitationsSent: Type.Integer({ description: 'Pending invitations sent' }),
});

export const SuggestionsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'How many, 1–50' })),
});

export const SuggestionsReply = Type.Object({
  items: Type.Array(Type.Object({ member: MemberSchema, ...MutualFields })),
});

export const SuggestionParams = Type.Object({ memberId: OpaqueId });
