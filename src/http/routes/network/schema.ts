import { Type } from 'typebox';

export const NetworkSummaryReply = Type.Object({
  connections: Type.Integer(),
  invitationsReceived: Type.Integer({ description: 'Pending invitations received and not ignored' }),
  invitationsSent: Type.Integer({ description: 'Pending invitations sent' }),
});
