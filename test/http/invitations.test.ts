import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, createTestApp, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
let ada: TestMember;
let bob: TestMember;

async function start(config: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp(config);
  ada = await t.signUp('Ada Lovelace');
  bob = await t.signUp('Bob Babbage');
}

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, {
    recipientId: to.id,
    ...(message ? { message } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return res.json().invitation.id as string;
}

async function sentIds(m: TestMember, qs = ''): Promise<string[]> {
  const res = await t.api('GET', `/invitations/sent${qs}`, m);
  expect(res.statusCode).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

async function receivedIds(m: TestMember): Promise<string[]> {
  const res = await t.api('GET', '/invitations/received', m);
  expect(res.statusCode).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

afterEach(() => t.close());

describe('I1 send', () => {
  beforeEach(() => start());

  it('I1 sends an invitation with a trimmed note, shown in both tabs', async () => {
    const res = await t.api('POST', '/invitations', ada, {
      recipientId: bob.id,
      message: '  Loved your talk on engines.  ',
    });
    expect(res.statusCode).toBe(201);
    const { invitation } = res.json();
    expect(invitation).toEqual({
      id: expect.any(String),
      recipient: { id: bob.id, name: 'Bob Babbage', headline: expect.any(String) },
      message: 'Loved your talk on engines.',
      sentAt: new Date(t.clock.now()).toISOString(),
      mutualConnections: 0,
      mutualPreview: [],
    });
    const sent = (await t.api('GET', '/invitations/sent', ada)).json();
    expect(sent).toEqual({ items: [invitation], nextCursor: null, total: 1 });
    const received = (await t.api('GET', '/invitations/received', bob)).json();
    expect(received.items).toEqual([
      {
        id: invitation.id,
        sender: { id: ada.id, name: 'Ada Lovelace', headline: expect.any(String) },
        message: invitation.message,
        sentAt: invitation.sentAt,
        mutualConnections: 0,
        mutualPreview: [],
      },
    ]);
    expect(received.total).toBe(1);
  });

  it('I1 a note of exactly 300 characters (code points) is accepted; 301 is validation_failed', async () => {
    const emoji300 = '😀'.repeat(300);
    const ok = await t.api('POST', '/invitations', ada, { recipientId: bob.id, message: emoji300 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().invitation.message).toBe(emoji300);
    const carol = await t.signUp('Carol');
    const tooLong = await t.api('POST', '/invitations', ada, {
      recipientId: carol.id,
      message: 'x'.repeat(301),
    });
    const body = expectProblem(tooLong, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: '/message' })]);
    expect(await sentIds(ada)).toHaveLength(1);
  });

  it('I1 line breaks and tabs are allowed; other control characters are refused', async () => {
    const ok = await t.api('POST', '/invitations', ada, {
      recipientId: bob.id,
      message: 'Hi Bob,\n\tsee you\r\n',
    });
    expect(ok.json().invitation.message).toBe('Hi Bob,\n\tsee you');
    const carol = await t.signUp('Carol');
    for (const bad of ['bell\u0007', 'nul\u0000', 'del\u007f', 'c1\u0085']) {
      expectProblem(
        await t.api('POST', '/invitations', ada, { recipientId: carol.id, message: bad }),
        400,
        'validation_failed',
      );
    }
    expect(await receivedIds(carol)).toEqual([]);
  });

  it('I1 a note that is empty after trimming is stored as null', async () => {
    const res = await t.api('POST', '/invitations', ada, { recipientId: bob.id, message: '   \n ' });
    expect(res.json().invitation.message).toBeNull();
  });

  it('I1 a missing recipientId or a wrong type is validation_failed', async () => {
    expectProblem(await t.api('POST', '/invitations', ada, {}), 400, 'validation_failed');
    expectProblem(await t.api('POST', '/invitations', ada, { recipientId: 42 }), 400, 'validation_failed');
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id, message: 7 }),
      400,
      'validation_failed',
    );
  });
});

describe('I2 rules on sending', () => {
  it('I2 inviting yourself is cannot_invite_self', async () => {
    await start();
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: ada.id }),
      400,
      'cannot_invite_self',
    );
  });

  it('I2 an unknown member, in any id format, is not_found', async () => {
    await start();
    for (const id of [
      '',
      'nope',
      '00000000-0000-7000-8000-000000000000',
      "'; drop table members;--",
      '☃'.repeat(50),
      'x'.repeat(600),
    ]) {
      expectProblem(await t.api('POST', '/invitations', ada, { recipientId: id }), 404, 'not_found');
    }
    for (const id of ['x'.repeat(300), 'x'.repeat(5000), '%E2%98%83', '..%2F..%2Fetc']) {
      expectProblem(await t.api('POST', `/invitations/${id}/withdraw`, ada), 404, 'not_found');
      expectProblem(await t.api('GET', `/members/${id}`, ada), 404, 'not_found');
    }
  });

  it('I2 a second invitation to the same member is invitation_already_pending', async () => {
    await start();
    await invite(ada, bob);
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id }),
      409,
      'invitation_already_pending',
    );
    expect(await sentIds(ada)).toHaveLength(1);
  });

  it('I2 inviting a connection is already_connected', async () => {
    await start();
    const id = await invite(ada, bob);
    expect((await t.api('POST', `/invitations/${id}/accept`, bob)).statusCode).toBe(200);
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id }),
      409,
      'already_connected',
    );
    expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: ada.id }),
      409,
      'already_connected',
    );
  });

  it('I2 a block either way reads exactly like no such member', async () => {
    await start();
    const carol = await t.signUp('Carol');
    expect((await t.api('POST', '/blocks', bob, { memberId: ada.id })).statusCode).toBe(204);
    const blocked = expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id }),
      404,
      'not_found',
    );
    const unknown = expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: 'no-such-member' }),
      404,
      'not_found',
    );
    expect(blocked.detail).toBe(unknown.detail);
    expect((await t.api('POST', '/blocks', ada, { memberId: carol.id })).statusCode).toBe(204);
    expectProblem(await t.api('POST', '/invitations', ada, { recipientId: carol.id }), 404, 'not_found');
  });

  it('I2 a member who accepts only senders who know their email: invitations_restricted without or with a wrong email', async () => {
    await start();
    const res = await t.api('PATCH', '/settings', bob, { whoCanInvite: 'email_required' });
    expect(res.statusCode).toBe(200);
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id }),
      403,
      'invitations_restricted',
    );
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id, recipientEmail: 'wrong@example.test' }),
      403,
      'invitations_restricted',
    );
    const ok = await t.api('POST', '/invitations', ada, {
      recipientId: bob.id,
      recipientEmail: `  ${bob.email.toUpperCase()} `,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('I2 the daily limit answers 429 invitation_limit_reached with Retry-After; refused sends do not count', async () => {
    await start({ config: { invitesPerDay: 2, invitesPerWeek: 100 } });
    const others = [await t.signUp(), await t.signUp(), await t.signUp()];
    await invite(ada, others[0]!);
    t.clock.advance(60_000);
    await invite(ada, others[1]!);
    const res = await t.api('POST', '/invitations', ada, { recipientId: others[2]!.id });
    expectProblem(res, 429, 'invitation_limit_reached');
    // The first send leaves the 24-hour window 23h59m from now.
    expect(Number(res.headers['retry-after'])).toBe(24 * 3600 - 60);
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: others[2]!.id }),
      429,
      'invitation_limit_reached',
    );
    const quota = (await t.api('GET', '/invitations/quota', ada)).json();
    expect(quota.day.used).toBe(2);
    t.clock.advance(DAY);
    expect((await t.api('POST', '/invitations', ada, { recipientId: others[2]!.id })).statusCode).toBe(201);
  });

  it('I2 the weekly limit applies across days; the stricter limit wins', async () => {
    await start({ config: { invitesPerDay: 5, invitesPerWeek: 3 } });
    const others = [await t.signUp(), await t.signUp(), await t.signUp(), await t.signUp()];
    for (let i = 0; i < 3; i++) {
      await invite(ada, others[i]!);
      t.clock.advance(DAY);
    }
    const res = await t.api('POST', '/invitations', ada, { recipientId: others[3]!.id });
    expectProblem(res, 429, 'invitation_limit_reached');
    // The oldest of the three leaves the 7-day window 4 days from now.
    expect(Number(res.headers['retry-after'])).toBe(4 * 24 * 3600);
  });

  it('I2 the connection cap: connection_limit_reached for the sender or a full recipient', async () => {
    await start({ config: { maxConnections: 1 } });
    const carol = await t.signUp('Carol');
    const id = await invite(ada, bob);
    await t.api('POST', `/invitations/${id}/accept`, bob);
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: carol.id }),
      409,
      'connection_limit_reached',
    );
    expectProblem(
      await t.api('POST', '/invitations', carol, { recipientId: ada.id }),
      409,
      'connection_limit_reached',
    );
  });
});

describe('I3 mutual invitations', () => {
  beforeEach(() => start());

  it('I3 inviting someone who already invited you accepts theirs: connected, no second invitation', async () => {
    const id = await invite(bob, ada, 'Hello Ada');
    const res = await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().connection).toEqual({
      member: { id: bob.id, name: 'Bob Babbage', headline: expect.any(String) },
      connectedAt: expect.any(String),
    });
    expect(await sentIds(ada)).toEqual([]);
    expect(await sentIds(bob)).toEqual([]);
    expect(await receivedIds(ada)).toEqual([]);
    const profile = (await t.api('GET', `/members/${bob.id}`, ada)).json();
    expect(profile.relationship).toBe('connected');
    const notes = (await t.api('GET', '/notifications', bob)).json();
    expect(notes.items).toEqual([
      expect.objectContaining({
        type: 'invitation_accepted',
        invitationId: id,
        actor: expect.objectContaining({ id: ada.id }),
      }),
    ]);
  });

  it('I3 it works after the recipient ignored, and counts toward no limit', async () => {
    await t.close();
    await start({ config: { invitesPerDay: 1 } });
    const carol = await t.signUp('Carol');
    await invite(ada, carol);
    const id = await invite(bob, ada);
    expect((await t.api('POST', `/invitations/${id}/ignore`, ada)).statusCode).toBe(204);
    const res = await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    expect(res.statusCode).toBe(200);
    expect((await t.api('GET', '/invitations/quota', ada)).json().day.used).toBe(1);
  });
});

describe('I4 lists', () => {
  beforeEach(() => start());

  it('I4 Sent and Received are newest first and paginate with cursors', async () => {
    const members = [];
    for (let i = 0; i < 5; i++) members.push(await t.signUp(`Member ${i}`));
    const ids: string[] = [];
    for (const m of members) {
      ids.push(await invite(ada, m));
      t.clock.advance(1000);
    }
    const first = (await t.api('GET', '/invitations/sent?limit=2', ada)).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([ids[4], ids[3]]);
    expect(first.total).toBe(5);
    const second = (await t.api('GET', `/invitations/sent?limit=2&cursor=${first.nextCursor}`, ada)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const third = (await t.api('GET', `/invitations/sent?limit=2&cursor=${second.nextCursor}`, ada)).json();
    expect(third.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('I4 Sent can be searched by name (case-insensitive, % taken literally) and filtered by age', async () => {
    const grace = await t.signUp('Grace Hopper');
    const alan = await t.signUp('Alan 100% Turing');
    const old = await invite(ada, grace);
    t.clock.advance(10 * DAY);
    const recent = await invite(ada, alan);
    expect(await sentIds(ada, '?query=HOPP')).toEqual([old]);
    expect(await sentIds(ada, '?query=100%25')).toEqual([recent]);
    expect(await sentIds(ada, '?query=0%25%20T')).toEqual([recent]);
    expect(await sentIds(ada, '?query=_')).toEqual([]);
    expect(await sentIds(ada, '?olderThanDays=7')).toEqual([old]);
    expect((await t.api('GET', '/invitations/sent?olderThanDays=7', ada)).json().total).toBe(1);
    expect(await sentIds(ada, '?olderThanDays=11')).toEqual([]);
  });

  it('I4 bad list parameters are validation_failed', async () => {
    for (const qs of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'cursor=garbage!',
      'cursor=eyJhIjoxfQ',
      'olderThanDays=0',
      'query=',
    ]) {
      expectProblem(await t.api('GET', `/invitations/sent?${qs}`, ada), 400, 'validation_failed');
    }
    expectProblem(await t.api('GET', '/invitations/received?limit=500', ada), 400, 'validation_failed');
  });

  it('I4 lists need auth', async () => {
    expectProblem(await t.api('GET', '/invitations/sent', null), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/invitations/received', null), 401, 'unauthorized');
  });

  it('I9 lists never show an invitation older than the TTL, even before a sweep', async () => {
    const id = await invite(ada, bob);
    t.clock.advance(180 * DAY);
    expect(await sentIds(ada)).toEqual([]);
    expect(await receivedIds(bob)).toEqual([]);
    expect((await t.api('GET', '/invitations/sent', ada)).json().total).toBe(0);
    expect((await t.api('GET', '/network/summary', bob)).json().invitationsReceived).toBe(0);
    expectProblem(await t.api('POST', `/invitations/${id}/withdraw`, ada), 409, 'invitation_not_pending');
    expectProblem(await t.api('POST', `/invitations/${id}/accept`, bob), 404, 'not_found');
    // The pair is free again: a fresh invitation can be sent.
    expect((await t.api('POST', '/invitations', ada, { recipientId: bob.id })).statusCode).toBe(201);
  });
});

describe('I5 withdraw', () => {
  beforeEach(() => start());

  it('I5 withdraw removes the invitation from both tabs at once; repeating it is also 204', async () => {
    const id = await invite(ada, bob, 'Hi');
    expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
    expect(await sentIds(ada)).toEqual([]);
    expect(await receivedIds(bob)).toEqual([]);
    expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
  });

  it("I5 someone else's invitation or an unknown id is not_found, and nothing changes", async () => {
    const id = await invite(ada, bob);
    const carol = await t.signUp('Carol');
    expectProblem(await t.api('POST', `/invitations/${id}/withdraw`, bob), 404, 'not_found');
    expectProblem(await t.api('POST', `/invitations/${id}/withdraw`, carol), 404, 'not_found');
    expectProblem(await t.api('POST', '/invitations/does-not-exist/withdraw', ada), 404, 'not_found');
    expect(await sentIds(ada)).toEqual([id]);
    expect(await receivedIds(bob)).toEqual([id]);
  });

  it('I5 an accepted invitation cannot be withdrawn: invitation_not_pending, connection untouched', async () => {
    const id = await invite(ada, bob);
    await t.api('POST', `/invitations/${id}/accept`, bob);
    expectProblem(await t.api('POST', `/invitations/${id}/withdraw`, ada), 409, 'invitation_not_pending');
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().relationship).toBe('connected');
  });

  it('I5 withdrawing leaves existing connections of either member untouched', async () => {
    const carol = await t.signUp('Carol');
    const dave = await t.signUp('Dave');
    await t.api('POST', `/invitations/${await invite(ada, carol)}/accept`, carol);
    await t.api('POST', `/invitations/${await invite(dave, bob)}/accept`, bob);
    const id = await invite(ada, bob);
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    expect((await t.api('GET', `/members/${ada.id}`, ada)).json().connectionCount).toBe(1);
    expect((await t.api('GET', `/members/${bob.id}`, bob)).json().connectionCount).toBe(1);
  });

  it('I5 withdrawing is never rate-limited, even past every sending limit', async () => {
    await t.close();
    await start({ config: { invitesPerDay: 2, invitesPerWeek: 3 } });
    const refusedSend = async () => {
      const res = await t.api('POST', '/invitations', ada, { recipientId: (await t.signUp()).id });
      expectProblem(res, 429, 'invitation_limit_reached');
    };
    const ids = [];
    // Past the daily limit…
    for (let i = 0; i < 2; i++) ids.push(await invite(ada, await t.signUp()));
    await refusedSend();
    // …and, a day later, past the weekly one.
    t.clock.advance(DAY + 1000);
    ids.push(await invite(ada, await t.signUp()));
    await refusedSend();
    const quota = (await t.api('GET', '/invitations/quota', ada)).json();
    expect([quota.day.used, quota.week.used]).toEqual([1, 3]);
    expect(quota.week.used).toBe(quota.week.limit);

    // Withdrawing one at a time, again, and in bulk: never refused.
    for (const id of ids.slice(0, 2)) {
      expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
      expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
    }
    const bulk = await t.api('POST', '/invitations/withdraw', ada, { ids });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toEqual({ withdrawn: [ids[2]], skipped: ids.slice(0, 2) });
    expect((await t.api('POST', '/invitations/withdraw', ada, { olderThanDays: 1 })).statusCode).toBe(200);
    expect(await sentIds(ada)).toEqual([]);
  });
});

describe('I6 bulk withdraw', () => {
  beforeEach(() => start());

  it('I6 I9 an invitation past the TTL but not yet swept is skipped, and its history keeps "expired"', async () => {
    const carol = await t.signUp('Carol');
    const expired = await invite(ada, bob, 'Long ago');
    const sentAt = t.clock.now();
    t.clock.advance(180 * DAY + 1000);
    const fresh = await invite(ada, carol);
    // No sweep has run: the row is still `pending` in the table, yet it has expired.
    const byIds = await t.api('POST', '/invitations/withdraw', ada, { ids: [expired, fresh] });
    expect(byIds.statusCode).toBe(200);
    expect(byIds.json()).toEqual({ withdrawn: [fresh], skipped: [expired] });
    const byAge = await t.api('POST', '/invitations/withdraw', ada, { olderThanDays: 1 });
    expect(byAge.json()).toEqual({ withdrawn: [], skipped: [] });
    const history = (await t.api('GET', '/invitations/history', ada)).json().items;
    expect(history.find((h: { id: string }) => h.id === expired)).toMatchObject({
      outcome: 'expired',
      endedAt: new Date(sentAt + 180 * DAY).toISOString(),
    });
    expect(history.find((h: { id: string }) => h.id === fresh)).toMatchObject({ outcome: 'withdrawn' });
  });

  it("I6 withdraws selected ids and reports those that were not the caller's pending invitations", async () => {
    const carol = await t.signUp('Carol');
    const a1 = await invite(ada, bob);
    const a2 = await invite(ada, carol);
    const theirs = await invite(carol, bob);
    const res = await t.api('POST', '/invitations/withdraw', ada, { ids: [a1, a2, theirs, 'unknown', a1] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ withdrawn: [a1, a2], skipped: [theirs, 'unknown'] });
    expect(await sentIds(ada)).toEqual([]);
    expect(await receivedIds(bob)).toEqual([theirs]);
  });

  it('I6 withdraws every pending invitation older than N days', async () => {
    const carol = await t.signUp('Carol');
    const old = await invite(ada, bob);
    t.clock.advance(20 * DAY);
    const fresh = await invite(ada, carol);
    const res = await t.api('POST', '/invitations/withdraw', ada, { olderThanDays: 14 });
    expect(res.json()).toEqual({ withdrawn: [old], skipped: [] });
    expect(await sentIds(ada)).toEqual([fresh]);
  });

  it('I6 bad bodies are validation_failed and change nothing', async () => {
    const id = await invite(ada, bob);
    for (const body of [
      {},
      { ids: [] },
      { ids: 'x' },
      { olderThanDays: 0 },
      { olderThanDays: 1.5 },
      { ids: [id], olderThanDays: 3 },
    ]) {
      expectProblem(await t.api('POST', '/invitations/withdraw', ada, body), 400, 'validation_failed');
    }
    expectProblem(
      await t.api('POST', '/invitations/withdraw', ada, { ids: Array(10_001).fill('x') }),
      400,
      'validation_failed',
    );
    expect(await sentIds(ada)).toEqual([id]);
  });

  it('I6 bulk withdrawal of 10,000 invitations is one request', async () => {
    await t.close();
    await start({ config: { invitesPerDay: 20_000, invitesPerWeek: 20_000 } });
    // Seed directly: 10,000 pending invitations from Ada to as many members.
    const now = t.clock.now();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      id: `m-${String(i).padStart(5, '0')}`,
      email: `m${i}@bulk.test`,
      email_normalized: `m${i}@bulk.test`,
      password_hash: 'x',
      name: `Bulk ${i}`,
      name_lower: `bulk ${i}`,
      headline: '',
      who_can_invite: 'everyone' as const,
      auto_withdraw_after_days: null,
      connection_count: 0,
      pending_sent_count: 0,
      pending_received_count: 1,
      last_stale_reminder_at: null,
      created_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.deps.db
        .insertInto('members')
        .values(rows.slice(i, i + 500))
        .execute();
    const invitations = rows.map((m, i) => ({
      id: `i-${String(i).padStart(5, '0')}`,
      sender_id: ada.id,
      recipient_id: m.id,
      pair_key: ada.id < m.id ? `${ada.id}:${m.id}` : `${m.id}:${ada.id}`,
      message: null,
      sent_at: now - i,
      status: 'pending' as const,
      ignored_at: null,
      ended_at: null,
    }));
    for (let i = 0; i < invitations.length; i += 500) {
      await t.deps.db
        .insertInto('invitations')
        .values(invitations.slice(i, i + 500))
        .execute();
    }
    await t.deps.db
      .updateTable('members')
      .set({ pending_sent_count: 10_000 })
      .where('id', '=', ada.id)
      .execute();
    const res = await t.api('POST', '/invitations/withdraw', ada, { ids: invitations.map((i) => i.id) });
    expect(res.statusCode).toBe(200);
    expect(res.json().withdrawn).toHaveLength(10_000);
    expect((await t.api('GET', '/invitations/sent', ada)).json().total).toBe(0);
    const counts = await t.deps.db
      .selectFrom('members')
      .select((eb) => eb.fn.sum<number>('pending_received_count').as('n'))
      .executeTakeFirst();
    expect(Number(counts?.n)).toBe(0);
  });
});

describe('I7 resend', () => {
  it('I7 after withdrawing, the same member can be invited again at once by default', async () => {
    await start();
    const id = await invite(ada, bob);
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    expect((await t.api('POST', '/invitations', ada, { recipientId: bob.id })).statusCode).toBe(201);
  });

  it('I7 a configured cooldown answers 429 resend_cooldown with Retry-After, only in that direction', async () => {
    await start({ config: { resendCooldownDays: 21 } });
    const id = await invite(ada, bob);
    t.clock.advance(DAY);
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    t.clock.advance(DAY);
    const res = await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    expectProblem(res, 429, 'resend_cooldown');
    expect(Number(res.headers['retry-after'])).toBe(20 * 24 * 3600);
    expect((await t.api('POST', '/invitations', bob, { recipientId: ada.id })).statusCode).toBe(201);
  });

  it('I7 the cooldown does not apply after an expiry', async () => {
    await start({ config: { resendCooldownDays: 21 } });
    await invite(ada, bob);
    t.clock.advance(181 * DAY);
    expect((await t.api('POST', '/invitations', ada, { recipientId: bob.id })).statusCode).toBe(201);
  });

  it('I7 withdrawn invitations still count toward the sending limits', async () => {
    await start({ config: { invitesPerDay: 2 } });
    for (let i = 0; i < 2; i++) {
      const id = await invite(ada, bob);
      await t.api('POST', `/invitations/${id}/withdraw`, ada);
    }
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: bob.id }),
      429,
      'invitation_limit_reached',
    );
  });
});

describe('I8 accept and ignore', () => {
  beforeEach(() => start());

  it('I8 accept connects both members and notifies the sender', async () => {
    const id = await invite(ada, bob);
    const res = await t.api('POST', `/invitations/${id}/accept`, bob);
    expect(res.statusCode).toBe(200);
    expect(res.json().connection.member.id).toBe(ada.id);
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json()).toMatchObject({
      relationship: 'connected',
      connectionCount: 1,
    });
    const notes = (await t.api('GET', '/notifications', ada)).json();
    expect(notes.items[0]).toMatchObject({ type: 'invitation_accepted', actor: { id: bob.id }, read: false });
    expect(await receivedIds(bob)).toEqual([]);
    expect(await sentIds(ada)).toEqual([]);
  });

  it('I8 accept by anyone but the recipient, or of a withdrawn or ignored invitation, is not_found', async () => {
    const id = await invite(ada, bob);
    expectProblem(await t.api('POST', `/invitations/${id}/accept`, ada), 404, 'not_found');
    await t.api('POST', `/invitations/${id}/ignore`, bob);
    expectProblem(await t.api('POST', `/invitations/${id}/accept`, bob), 404, 'not_found');
    const carol = await t.signUp('Carol');
    const id2 = await invite(carol, bob);
    await t.api('POST', `/invitations/${id2}/withdraw`, carol);
    expectProblem(await t.api('POST', `/invitations/${id2}/accept`, bob), 404, 'not_found');
  });

  it('I8 accept at the connection cap is connection_limit_reached', async () => {
    await t.close();
    await start({ config: { maxConnections: 1 } });
    const carol = await t.signUp('Carol');
    const first = await invite(ada, bob);
    const second = await invite(carol, bob);
    await t.api('POST', `/invitations/${first}/accept`, bob);
    expectProblem(await t.api('POST', `/invitations/${second}/accept`, bob), 409, 'connection_limit_reached');
    expect(await receivedIds(bob)).toEqual([second]);
  });

  it('I4 I8 bulk accept at the connection cap accepts in the order asked until the cap, then skips', async () => {
    await t.close();
    await start({ config: { maxConnections: 2 } });
    const [carol, dave, erin] = [await t.signUp('Carol'), await t.signUp('Dave'), await t.signUp('Erin')];
    const fromCarol = await invite(carol, bob);
    const fromDave = await invite(dave, bob);
    const fromErin = await invite(erin, bob);
    // Erin is full already: her invitation is skipped, the other two fill Bob's two places.
    const erinsFriends = [await t.signUp('F1'), await t.signUp('F2')];
    for (const f of erinsFriends) await t.api('POST', `/invitations/${await invite(f, erin)}/accept`, erin);
    const accept = await t.api('POST', '/invitations/accept', bob, { ids: [fromErin, fromDave, fromCarol] });
    expect(accept.json()).toEqual({ accepted: [fromDave, fromCarol], skipped: [fromErin] });
    expect(await receivedIds(bob)).toEqual([fromErin]);
    expect((await t.api('GET', `/members/${bob.id}`, bob)).json().connectionCount).toBe(2);
    // Each sender has the connection, its count and the "accepted" notification.
    for (const sender of [carol, dave]) {
      expect((await t.api('GET', `/members/${sender.id}`, sender)).json().connectionCount).toBe(1);
      const notes = (await t.api('GET', '/notifications', sender)).json().items;
      expect(notes.map((n: { type: string; actor: { id: string } }) => [n.type, n.actor.id])).toEqual([
        ['invitation_accepted', bob.id],
      ]);
    }
    expect((await t.api('GET', `/members/${bob.id}`, carol)).json().relationship).toBe('connected');
  });

  it('I8 ignore removes it from the recipient, tells the sender nothing: still pending to them', async () => {
    const id = await invite(ada, bob);
    expect((await t.api('POST', `/invitations/${id}/ignore`, bob)).statusCode).toBe(204);
    expect(await receivedIds(bob)).toEqual([]);
    expect(await sentIds(ada)).toEqual([id]);
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json().relationship).toBe('none');
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().relationship).toBe('invitation_sent');
    expect((await t.api('GET', '/notifications', ada)).json().items).toEqual([]);
    expectProblem(await t.api('POST', `/invitations/${id}/ignore`, bob), 404, 'not_found');
    expectProblem(await t.api('POST', `/invitations/${id}/ignore`, ada), 404, 'not_found');
  });

  it('I4 bulk accept and ignore report what they did and skipped', async () => {
    const carol = await t.signUp('Carol');
    const dave = await t.signUp('Dave');
    const fromAda = await invite(ada, bob);
    const fromCarol = await invite(carol, bob);
    const fromDave = await invite(dave, bob);
    const accept = await t.api('POST', '/invitations/accept', bob, { ids: [fromAda, fromCarol, 'nope'] });
    expect(accept.json()).toEqual({ accepted: [fromAda, fromCarol], skipped: ['nope'] });
    const ignore = await t.api('POST', '/invitations/ignore', bob, { ids: [fromDave, fromAda] });
    expect(ignore.json()).toEqual({ ignored: [fromDave], skipped: [fromAda] });
    expect((await t.api('GET', `/members/${bob.id}`, bob)).json().connectionCount).toBe(2);
    expectProblem(await t.api('POST', '/invitations/accept', bob, { ids: [] }), 400, 'validation_failed');
    expectProblem(
      await t.api('POST', '/invitations/ignore', bob, { ids: Array(1001).fill('x') }),
      400,
      'validation_failed',
    );
  });
});

describe('I12 re-invite status', () => {
  it('I12 with a cooldown, the profile tells the sender when they may invite again; the quota names the cooldown', async () => {
    await start({ config: { resendCooldownDays: 21 } });
    expect((await t.api('GET', '/invitations/quota', ada)).json().resendCooldownDays).toBe(21);
    const id = await invite(ada, bob);
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().canInviteAt).toBeNull();
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    const withdrawnAt = t.clock.now();
    const profile = (await t.api('GET', `/members/${bob.id}`, ada)).json();
    expect(profile).toMatchObject({
      relationship: 'none',
      canInviteAt: new Date(withdrawnAt + 21 * DAY).toISOString(),
    });
    // The recipient's view of the sender says nothing of it.
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json().canInviteAt).toBeNull();
    t.clock.advance(21 * DAY);
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().canInviteAt).toBeNull();
  });

  it('I12 without a cooldown there is never a wait', async () => {
    await start();
    expect((await t.api('GET', '/invitations/quota', ada)).json().resendCooldownDays).toBe(0);
    const id = await invite(ada, bob);
    await t.api('POST', `/invitations/${id}/withdraw`, ada);
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().canInviteAt).toBeNull();
  });
});
