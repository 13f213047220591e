import { Type } from 'typebox';
import { listEnvelope, PageQuery } from '../../pagination.js';
import { MemberSchema } from '../../presenters.js';

export const BlockBody = Type.Object(
  { memberId: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const BlockParams = Type.Object({ memberId: Type.String({ maxLength: 200 }) });

export const BlocksQuery = Type.Object({ ...PageQuery });

export const BlocksReply = listEnvelope(MemberSchema);
