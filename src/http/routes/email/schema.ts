import { Type } from 'typebox';

export const UnsubscribeQuery = Type.Object({
  token: Type.String({
    minLength: 1,
    maxLength: 400,
    description: 'The token of the List-Unsubscribe address of an email',
  }),
});

export const UnsubscribeBody = Type.Optional(
  Type.Object(
    {
      'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })),
    },
    { description: 'RFC 8058: `List-Unsubscribe=One-Click` (form-encoded), or a JSON `{}`' },
  ),
);

export const HtmlPage = Type.String({ description: 'An HTML page' });
