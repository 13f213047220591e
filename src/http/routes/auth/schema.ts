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

/** The session cookie a sign-up or sign-in sets (browsers use it; other clients use `token`). */
const SESSION_COOKIE_HEADER = {
  'set-cookie': Type.String({
    description: 'rapport_session=<token>; Path=/; HttpOnly; SameSite=Lax (and Secure behind HTTPS)',
  }),
};

export const SessionReply = Type.Object(
  { member: MemberSchema, token: Type.String() },
  {
    description: 'Signed in: the member, and a session token also set as a cookie',
    headers: SESSION_COOKIE_HEADER,
  },
);

/** Signing out clears the session cookie. */
export const SignedOut = Type.Null({
  description: 'Signed out',
  headers: {
    'set-cookie': Type.String({
      description: 'rapport_session=; Path=/; Expires in the past: the cookie is cleared',
    }),
  },
});
