import { Type } from 'typebox';
import { listEnvelope, PageQuery } from '../../pagination.js';
import { MemberSchema, OpaqueId } from '../../presenters.js';

export const ConnectionSchema = Type.Object({
  member: MemberSchema,
  connectedAt: Type.String({ format: 'date-time' }),
});

export const ConnectionsQuery = Type.Object({ ...PageQuery });

export const ConnectionsReply = listEnvelope(ConnectionSchema);

export const ConnectionParams = Type.Object({ memberId: OpaqueId });
