import { Type } from 'typebox';
import { PageQuery, listEnvelope } from '../../pagination.js';
import { MemberSchema } from '../../presenters.js';

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const HistoryQuery = Type.Object({
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      default: 'json',
      description: '`json`: one page of the list; `csv`: every invitation, as a download',
    }),
  ),
  ...PageQuery,
});

export const HistoryItem = Type.Object({
  id: Type.String(),
  recipient: MemberSchema,
  message: Type.Union([Type.String(), Type.Null()]),
  sentAt: Time,
  outcome: Type.Union(
    [Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('withdrawn'), Type.Literal('expired')],
    { description: 'As the sender knows it: an ignored invitation reads `pending`' },
  ),
  endedAt: Type.Union([Time, Type.Null()], {
    description: 'When it was accepted, withdrawn or expired; null while pending',
  }),
});

export const HistoryReply = {
  200: {
    description:
      'Every invitation the caller sent, newest first by (sentAt, id). JSON: one page of the list. ' +
      'CSV (RFC 4180, CRLF, no BOM): all of them, header ' +
      '`recipient_id,recipient_name,message,sent_at,outcome,ended_at`.',
    content: {
      'application/json': { schema: listEnvelope(HistoryItem) },
      'text/csv': { schema: Type.String() },
    },
    headers: {
      'content-disposition': Type.String({
        description: 'CSV only: attachment; filename="rapport-invitations.csv"',
      }),
    },
  },
};

export const InsightsQuery = Type.Object({
  weeks: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 104, default: 12, description: 'How many weeks `weekly` covers' }),
  ),
});

const OutcomeCounts = Type.Object({ accepted: Count, withdrawn: Count, expired: Count, pending: Count });

export const InsightsReply = Type.Object(
  {
    totals: Type.Object(
      { sent: Count, accepted: Count, withdrawn: Count, expired: Count, pending: Count },
      { description: 'Over all time; ignored invitations count as pending' },
    ),
    acceptanceRate: Type.Object(
      {
        withNote: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
        withoutNote: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
      },
      {
        description:
          'accepted ÷ (accepted + withdrawn + expired) among invitations sent with / without a note, ' +
          'as a fraction from 0 to 1 (four decimals); still-pending invitations are left out. ' +
          'Null when none of that kind has been decided yet.',
      },
    ),
    byNote: Type.Object(
      {
        withNote: OutcomeCounts,
        withoutNote: OutcomeCounts,
      },
      {
        description:
          'The outcomes behind `acceptanceRate`, among invitations sent with / without a note: ' +
          'decided = accepted + withdrawn + expired; ignored ones count as pending.',
      },
    ),
    medianHoursToAccept: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
      description: 'Median time from sending to acceptance, in hours (one decimal); null when none accepted',
    }),
    weekly: Type.Array(
      Type.Object({ weekStart: Time, sent: Count, accepted: Count, withdrawn: Count, expired: Count }),
      {
        description:
          '`weeks` ISO weeks (starting Monday 00:00 UTC), oldest first, ending with the current week. ' +
          '`sent` counts by the week an invitation was sent; `accepted`, `withdrawn` and `expired` by ' +
          'the week it ended (an expiry the sweep has not recorded yet ends at sentAt + TTL).',
      },
    ),
  },
  { description: 'How the caller’s invitations fare (I11)' },
);

const QuotaWindow = Type.Object({
  limit: Count,
  used: Count,
  resetsAt: Type.Union([Time, Type.Null()], {
    description: 'When the oldest counted invitation leaves the window; null when nothing is counted',
  }),
});

export const QuotaReply = Type.Object(
  {
    day: QuotaWindow,
    week: QuotaWindow,
    resendCooldownDays: Type.Integer({
      minimum: 0,
      description: 'Days to wait after a withdrawal before inviting the same member again (0: none) (I12)',
    }),
    pending: Type.Object(
      { limit: Count, used: Count },
      {
        description:
          'Pending sent invitations held, and the most you may hold (RAPPORT_MAX_PENDING_SENT, M3); at the limit a send is 409 too_many_pending',
      },
    ),
    restrictedUntil: Type.Union([Time, Type.Null()], {
      description:
        'Until when each invitation you send needs the recipient’s email (403 sender_restricted, M3); null: not restricted',
    }),
  },
  {
    description:
      'Sending limits over rolling 24 hours and 7 days; every invitation sent counts, withdrawn ones too',
  },
);
