import { Type } from 'typebox';
import { listEnvelope, PageQuery } from '../../pagination.js';
import { MemberSchema, OpaqueId } from '../../presenters.js';

export const BlockBody = Type.Object({ memberId: OpaqueId }, { additionalProperties: false });

export const BlockParams = Type.Object({ memberId: OpaqueId });

export const BlocksQuery = Type.Object({ ...PageQuery });

export const BlocksReply = listEnvelope(MemberSchema);
