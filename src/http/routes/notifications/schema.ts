import { Type } from 'typebox';
import { listEnvelope, PageQuery } from '../../pagination.js';
import { MemberSchema, OpaqueId } from '../../presenters.js';

export const NotificationSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Union([
      Type.Literal('invitation_received'),
      Type.Literal('invitation_accepted'),
      Type.Literal('stale_invitations_reminder'),
    ]),
    actor: Type.Union([MemberSchema, Type.Null()], { description: 'Who did it; null for reminders' }),
    invitationId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    read: Type.Boolean(),
    count: Type.Optional(
      Type.Integer({
        description: 'Stale reminders only: how many sent invitations have been pending for over a month',
      }),
    ),
  },
  { description: 'A notification (N1)' },
);

export const NotificationsQuery = Type.Object(PageQuery, { additionalProperties: false });

export const NotificationList = Type.Object({
  ...listEnvelope(NotificationSchema).properties,
  unreadCount: Type.Integer({ description: 'Unread notifications in the whole list' }),
});

export const MAX_READ_IDS = 1000;

/** Exactly one of `ids` or `all`; the handler refuses both or neither with validation_failed. */
export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(OpaqueId, { minItems: 1, maxItems: MAX_READ_IDS })),
    all: Type.Optional(Type.Literal(true)),
  },
  {
    additionalProperties: false,
    description: '`{ids: [...]}` (1–1000 of your notifications) or `{all: true}`',
  },
);

export const EventStream = {
  description:
    'Server-sent events: `notification` (data: a notification), `notification_removed` and ' +
    '`invitation_removed` (data: `{id}`), and a `: keep-alive` comment at least every 25 s',
  content: { 'text/event-stream': { schema: Type.String() } },
};
