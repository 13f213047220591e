import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/clock.js';
import { DomainError } from '../../src/domain/errors.js';
import {
  assertReceivedPending,
  decideSend,
  decideWithdraw,
  outcomeForSender,
  quotaFor,
  quotaRetryAfter,
  relationshipOf,
  type InvitationFacts,
  type Policy,
  type SendFacts,
} from '../../src/domain/invitations.js';
import { normalizeNote } from '../../src/domain/note.js';

const NOW = Date.UTC(2026, 10, 27);
const policy: Policy = {
  invitesPerDay: 3,
  invitesPerWeek: 5,
  maxConnections: 10,
  resendCooldownDays: 0,
  invitationTtlDays: 180,
  maxPendingSent: 4,
  emailGuessesPerDay: 3,
  emailGuessesPerRecipient: 2,
};

const base: SendFacts = {
  now: NOW,
  senderId: 'A',
  recipient: { id: 'B', whoCanInvite: 'everyone', emailNormalized: 'b@x.test' },
  blockedEitherWay: false,
  connected: false,
  pending: null,
  markedSenderUnknown: false,
  senderRestrictedUntil: null,
  pendingSent: 0,
  recipientEmail: null,
  emailGuesses: { bySender: [], toRecipient: [] },
  lastWithdrawnAt: null,
  sentTimes: [],
  senderConnections: 0,
  recipientConnections: 0,
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

const needsEmail: Partial<SendFacts> = {
  recipient: { ...base.recipient!, whoCanInvite: 'email_required' },
};
/** Two wrong guesses an hour ago: the per-recipient limit here. */
const two = [NOW - HOUR, NOW - HOUR];

describe('I2 I3 I7 decideSend', () => {
  const cases: [string, Partial<SendFacts>, Partial<Policy>, string][] = [
    ['a plain invitation is sent', {}, {}, 'send'],
    ['yourself', { recipient: { ...base.recipient!, id: 'A' } }, {}, 'cannot_invite_self'],
    ['no such member', { recipient: null }, {}, 'not_found'],
    ['a block either way reads as no such member', { blockedEitherWay: true }, {}, 'not_found'],
    ['already connected', { connected: true }, {}, 'already_connected'],
    ['already pending from me', { pending: { id: 'i1', senderId: 'A' } }, {}, 'invitation_already_pending'],
    ['pending from them: accept theirs', { pending: { id: 'i1', senderId: 'B' } }, {}, 'accept_theirs'],
    [
      'pending from them, I am out of quota and they require email: still accept theirs',
      {
        pending: { id: 'i1', senderId: 'B' },
        sentTimes: [NOW - 1, NOW - 2, NOW - 3],
        recipient: { ...base.recipient!, whoCanInvite: 'email_required' },
      },
      {},
      'accept_theirs',
    ],
    [
      'pending from them but I am at the cap',
      { pending: { id: 'i1', senderId: 'B' }, senderConnections: 10 },
      {},
      'connection_limit_reached',
    ],
    [
      'email required, none given',
      { recipient: { ...base.recipient!, whoCanInvite: 'email_required' } },
      {},
      'invitations_restricted',
    ],
    [
      'email required, wrong one',
      { recipient: { ...base.recipient!, whoCanInvite: 'email_required' }, recipientEmail: 'c@x.test' },
      {},
      'invitations_restricted',
    ],
    [
      'email required, right one',
      { recipient: { ...base.recipient!, whoCanInvite: 'email_required' }, recipientEmail: 'b@x.test' },
      {},
      'send',
    ],
    [
      'cooldown configured and running',
      { lastWithdrawnAt: NOW - DAY },
      { resendCooldownDays: 21 },
      'resend_cooldown',
    ],
    ['cooldown configured and over', { lastWithdrawnAt: NOW - 22 * DAY }, { resendCooldownDays: 21 }, 'send'],
    ['no cooldown by default', { lastWithdrawnAt: NOW - 1 }, {}, 'send'],
    [
      'daily limit reached',
      { sentTimes: [NOW - HOUR, NOW - 2 * HOUR, NOW - 3 * HOUR] },
      {},
      'invitation_limit_reached',
    ],
    ['daily window rolled over', { sentTimes: [NOW - DAY, NOW - 2 * HOUR, NOW - 3 * HOUR] }, {}, 'send'],
    [
      'weekly limit reached across days',
      { sentTimes: [NOW - 2 * DAY, NOW - 3 * DAY, NOW - 4 * DAY, NOW - 5 * DAY, NOW - 6 * DAY] },
      {},
      'invitation_limit_reached',
    ],
    ['M1 marked "I don\'t know", no email', { markedSenderUnknown: true }, {}, 'invitations_restricted'],
    [
      'M1 marked "I don\'t know", right email',
      { markedSenderUnknown: true, recipientEmail: 'b@x.test' },
      {},
      'send',
    ],
    ['M3 sender restricted, no email', { senderRestrictedUntil: NOW + DAY }, {}, 'sender_restricted'],
    [
      'M3 sender restricted, wrong email',
      { senderRestrictedUntil: NOW + DAY, recipientEmail: 'c@x.test' },
      {},
      'invitations_restricted',
    ],
    [
      'M3 sender restricted, right email',
      { senderRestrictedUntil: NOW + DAY, recipientEmail: 'b@x.test' },
      {},
      'send',
    ],
    ['M3 restriction over', { senderRestrictedUntil: NOW }, {}, 'send'],
    [
      "M3 restricted and the recipient requires email: reads as the recipient's setting",
      { senderRestrictedUntil: NOW + DAY, markedSenderUnknown: true },
      {},
      'invitations_restricted',
    ],
    [
      'M3 restricted, but inviting back accepts theirs with no email',
      { senderRestrictedUntil: NOW + DAY, pending: { id: 'i1', senderId: 'B' } },
      {},
      'accept_theirs',
    ],
    [
      'email guesses: at the per-recipient limit even the right email waits',
      { ...needsEmail, recipientEmail: 'b@x.test', emailGuesses: { bySender: two, toRecipient: two } },
      {},
      'rate_limited',
    ],
    [
      'email guesses: at the per-sender limit even the right email waits',
      {
        ...needsEmail,
        recipientEmail: 'b@x.test',
        emailGuesses: { bySender: [...two, NOW], toRecipient: [] },
      },
      {},
      'rate_limited',
    ],
    [
      'email guesses: under the limits a wrong one is refused as wrong',
      { ...needsEmail, recipientEmail: 'c@x.test', emailGuesses: { bySender: two, toRecipient: [NOW] } },
      {},
      'invitations_restricted',
    ],
    [
      'email guesses: over the limits, no email given is no guess',
      { ...needsEmail, emailGuesses: { bySender: [...two, NOW], toRecipient: two } },
      {},
      'invitations_restricted',
    ],
    [
      'email guesses: over the limits, a recipient who needs no email is invited',
      { recipientEmail: 'c@x.test', emailGuesses: { bySender: [...two, NOW], toRecipient: two } },
      {},
      'send',
    ],
    [
      'email guesses: M3 a restricted sender is throttled alike',
      {
        senderRestrictedUntil: NOW + DAY,
        recipientEmail: 'b@x.test',
        emailGuesses: { bySender: [...two, NOW], toRecipient: [] },
      },
      {},
      'rate_limited',
    ],
    ['M3 at the pending cap', { pendingSent: 4 }, {}, 'too_many_pending'],
    ['M3 under the pending cap', { pendingSent: 3 }, {}, 'send'],
    ['sender at the connection cap', { senderConnections: 10 }, {}, 'connection_limit_reached'],
    ['recipient at the connection cap', { recipientConnections: 10 }, {}, 'connection_limit_reached'],
  ];

  it.each(cases)('%s', (_name, facts, policyChange, expected) => {
    // A wrong email guess is returned, to be remembered, rather than thrown.
    const run = () => {
      const decision = decideSend({ ...base, ...facts }, { ...policy, ...policyChange });
      if (decision.kind === 'wrong_email') throw decision.refusal;
      return decision;
    };
    if (expected === 'send' || expected === 'accept_theirs') expect(run().kind).toBe(expected);
    else expect(codeOf(run)).toBe(expected);
  });

  it('a wrong email guess is returned to be remembered; the wait ends when the oldest guess is a day old', () => {
    const decision = decideSend({ ...base, ...needsEmail, recipientEmail: 'c@x.test' }, policy);
    expect(decision.kind).toBe('wrong_email');
    try {
      decideSend(
        {
          ...base,
          ...needsEmail,
          recipientEmail: 'b@x.test',
          emailGuesses: { bySender: [], toRecipient: two },
        },
        policy,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'rate_limited',
        extra: { retryAfterSeconds: (DAY - HOUR) / 1000 },
      });
    }
  });

  it('retry-after for the stricter window when both are full', () => {
    const sentTimes = [NOW - HOUR, NOW - 2 * HOUR, NOW - 3 * HOUR, NOW - 2 * DAY, NOW - 3 * DAY];
    // Day window frees in 21 h; week window (5 used) frees when the 3-day-old send leaves: in 4 days.
    expect(quotaRetryAfter(sentTimes, NOW, policy)).toBe((4 * DAY) / 1000);
  });
});

describe('I2 quotaFor', () => {
  it('counts each window and says when its oldest send leaves', () => {
    const q = quotaFor([NOW - HOUR, NOW - 2 * DAY], NOW, policy);
    expect(q.day).toEqual({ limit: 3, used: 1, resetsAt: NOW - HOUR + DAY });
    expect(q.week).toEqual({ limit: 5, used: 2, resetsAt: NOW - 2 * DAY + 7 * DAY });
    expect(quotaFor([], NOW, policy).day.resetsAt).toBeNull();
  });
});

const inv = (over: Partial<InvitationFacts> = {}): InvitationFacts => ({
  id: 'i',
  senderId: 'A',
  recipientId: 'B',
  sentAt: NOW - DAY,
  status: 'pending',
  ignoredAt: null,
  ...over,
});

describe('I5 decideWithdraw', () => {
  const cases: [string, InvitationFacts | undefined, string, string][] = [
    ['the sender withdraws a pending invitation', inv(), 'A', 'withdraw'],
    ['withdrawing twice is harmless', inv({ status: 'withdrawn' }), 'A', 'already_withdrawn'],
    ['an ignored one is still pending to the sender', inv({ ignoredAt: NOW }), 'A', 'withdraw'],
    ['the recipient cannot', inv(), 'B', 'not_found'],
    ['a stranger cannot', inv(), 'C', 'not_found'],
    ['no such invitation', undefined, 'A', 'not_found'],
    ['accepted', inv({ status: 'accepted' }), 'A', 'invitation_not_pending'],
    ['expired', inv({ status: 'expired' }), 'A', 'invitation_not_pending'],
    ['past its TTL before a sweep', inv({ sentAt: NOW - 180 * DAY }), 'A', 'invitation_not_pending'],
  ];
  it.each(cases)('%s', (_name, facts, actor, expected) => {
    let result: string;
    try {
      result = decideWithdraw(facts, actor, NOW, policy);
    } catch (e) {
      result = (e as DomainError).code;
    }
    expect(result).toBe(expected);
  });
});

describe('I8 assertReceivedPending', () => {
  const cases: [string, InvitationFacts | undefined, string, string][] = [
    ['the recipient, pending', inv(), 'B', 'ok'],
    ['the sender', inv(), 'A', 'not_found'],
    ['ignored', inv({ ignoredAt: NOW }), 'B', 'not_found'],
    ['withdrawn', inv({ status: 'withdrawn' }), 'B', 'not_found'],
    ['accepted', inv({ status: 'accepted' }), 'B', 'not_found'],
    ['past TTL', inv({ sentAt: NOW - 200 * DAY }), 'B', 'not_found'],
  ];
  it.each(cases)('%s', (_name, facts, actor, expected) => {
    expect(codeOf(() => assertReceivedPending(facts, actor, NOW, policy))).toBe(expected);
  });
});

describe('A2 relationshipOf', () => {
  const pendingFromA: { id: string; senderId: string; ignoredAt: number | null } = {
    id: 'i',
    senderId: 'A',
    ignoredAt: null,
  };
  const cases: [string, string, string, boolean, typeof pendingFromA | null, string, string | null][] = [
    ['self', 'A', 'A', false, null, 'self', null],
    ['stranger', 'A', 'B', false, null, 'none', null],
    ['connected', 'A', 'B', true, null, 'connected', null],
    ['I sent', 'A', 'B', false, pendingFromA, 'invitation_sent', 'i'],
    ['they sent', 'B', 'A', false, pendingFromA, 'invitation_received', 'i'],
    ['they sent and I ignored', 'B', 'A', false, { ...pendingFromA, ignoredAt: NOW }, 'none', null],
    [
      'I sent and they ignored: still sent to me',
      'A',
      'B',
      false,
      { ...pendingFromA, ignoredAt: NOW },
      'invitation_sent',
      'i',
    ],
  ];
  it.each(cases)('%s', (_n, viewer, member, connected, pending, relationship, invitationId) => {
    expect(relationshipOf(viewer, member, connected, pending)).toEqual({ relationship, invitationId });
  });
});

describe('I10 outcomeForSender', () => {
  it('reads past-TTL pending as expired and never reveals ignore', () => {
    expect(outcomeForSender('pending', NOW - 181 * DAY, NOW, 180)).toBe('expired');
    expect(outcomeForSender('pending', NOW - DAY, NOW, 180)).toBe('pending');
    expect(outcomeForSender('withdrawn', NOW - DAY, NOW, 180)).toBe('withdrawn');
  });
});

describe('I1 normalizeNote', () => {
  const cases: [string, string | null | undefined, string | null | 'validation_failed'][] = [
    ['absent', undefined, null],
    ['null', null, null],
    ['blank', ' \n\t ', null],
    ['trimmed', '  hi  ', 'hi'],
    ['line breaks and tabs inside', 'a\n\tb\r\nc', 'a\n\tb\r\nc'],
    ['300 code points', '😀'.repeat(300), '😀'.repeat(300)],
    ['301 code points', 'a'.repeat(301), 'validation_failed'],
    ['300 after trimming', `  ${'a'.repeat(300)}  `, 'a'.repeat(300)],
    ['NUL', 'a\u0000', 'validation_failed'],
    ['ESC', '\u001b[31m', 'validation_failed'],
    ['DEL', 'a\u007f', 'validation_failed'],
    ['C1 NEL', 'a\u0085', 'validation_failed'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    let result: string | null;
    try {
      result = normalizeNote(input);
    } catch (e) {
      result = (e as DomainError).code;
    }
    expect(result).toBe(expected);
  });
});
