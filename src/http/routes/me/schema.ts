import { Type } from 'typebox';
import { MemberSchema } from '../../presenters.js';
import { Password } from '../auth/schema.js';

export const MeReply = Type.Object({ member: MemberSchema, email: Type.String() });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);

export const DeleteAccountBody = Type.Object(
  { password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

/** The same rules as signup (A5); omitted fields stay as they are. */
export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    headline: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
