import { Type } from 'typebox';
import { MemberSchema } from '../../presenters.js';

export const Email = Type.String({ format: 'email', maxLength: 320, description: 'Email address' });
export const Password = Type.String({ minLength: 8, maxLength: 200, description: 'At least 8 characters' });

export const SignUpBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    headline: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const LogInBody = Type.Object(
  { email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const SessionReply = Type.Object({ member: MemberSchema, token: Type.String() });
