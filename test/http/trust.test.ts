import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import { snapshotDatabase, snapshotDiff } from '../helpers/dbSnapshot.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitesPerDay: 1000, invitesPerWeek: 1000 } });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return res.json().invitation.id as string;
}

const receivedIds = async (m: TestMember) =>
  ((await t.api('GET', '/invitations/received', m)).json().items as { id: string }[]).map((i) => i.id);
const sentIds = async (m: TestMember) =>
  ((await t.api('GET', '/invitations/sent', m)).json().items as { id: string }[]).map((i) => i.id);

describe('M1 "I don’t know this person"', () => {
  it('ignores the invitation; the sender still sees it pending and is told nothing', async () => {
    const [ada, bob] = [await t.signUp('Ada'), await t.signUp('Bob')];
    const id = await invite(bob, ada, 'hello');
    const res = await t.api('POST', `/invitations/${id}/dont-know`, ada);
    expect(res.statusCode).toBe(204);
    expect(await receivedIds(ada)).toEqual([]);
    expect((await t.api('GET', '/network/summary', ada)).json().invitationsReceived).toBe(0);
    expect(await sentIds(bob)).toEqual([id]);
    expect((await t.api('GET', '/notifications', bob)).json().items).toEqual([]);
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json().relationship).toBe('invitation_sent');
  });

  it('from then on the sender needs her email, with byte-for-byte the answer of email_required', async () => {
    const [ada, bob, cy, dee] = [
      await t.signUp('Ada'),
      await t.signUp('Bob'),
      await t.signUp('Cy'),
      await t.signUp('Dee'),
    ];
    const id = await invite(bob, ada);
    await t.api('POST', `/invitations/${id}/dont-know`, ada);
    await t.api('POST', `/invitations/${id}/withdraw`, bob);

    // Dee asks for the email by her own setting; Ada by her mark on Bob. Bob cannot tell them apart.
    await t.api('PATCH', '/settings', dee, { whoCanInvite: 'email_required' });
    const toAda = await t.api('POST', '/invitations', bob, { recipientId: ada.id });
    const toDee = await t.api('POST', '/invitations', bob, { recipientId: dee.id });
    expectProblem(toAda, 403, 'invitations_restricted');
    expect(toAda.body).toBe(toDee.body);
    // Every header alike but the clock's: two answers a second apart differ in `date` alone.
    const { date: _adaDate, ...adaHeaders } = toAda.headers;
    const { date: _deeDate, ...deeHeaders } = toDee.headers;
    expect(adaHeaders).toEqual(deeHeaders);
    const wrongAda = await t.api('POST', '/invitations', bob, {
      recipientId: ada.id,
      recipientEmail: 'x@y.z',
    });
    const wrongDee = await t.api('POST', '/invitations', bob, {
      recipientId: dee.id,
      recipientEmail: 'x@y.z',
    });
    expect(wrongAda.body).toBe(wrongDee.body);

    // Others may still invite Ada freely; Bob may with her email.
    expect((await t.api('POST', '/invitations', cy, { recipientId: ada.id })).statusCode).toBe(201);
    const withEmail = await t.api('POST', '/invitations', bob, {
      recipientId: ada.id,
      recipientEmail: ` ${ada.email.toUpperCase()} `,
    });
    expect(withEmail.statusCode).toBe(201);
  });

  it('is not found for an invitation that is not the caller’s received pending one', async () => {
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const bobToCy = await invite(bob, cy);
    const before = await snapshotDatabase(t.deps.db);
    expectProblem(await t.api('POST', `/invitations/${bobToCy}/dont-know`, ada), 404, 'not_found');
    expectProblem(await t.api('POST', `/invitations/${bobToCy}/dont-know`, bob), 404, 'not_found');
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    await t.api('POST', `/invitations/${bobToCy}/dont-know`, cy);
    expectProblem(await t.api('POST', `/invitations/${bobToCy}/dont-know`, cy), 404, 'not_found');
  });

  it('works for several selected invitations at once, skipping what is not the caller’s', async () => {
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const a = await invite(bob, ada);
    const b = await invite(cy, ada);
    const foreign = await invite(bob, cy);
    const res = await t.api('POST', '/invitations/dont-know', ada, { ids: [a, b, foreign] });
    expect(res.json()).toEqual({ marked: [a, b], skipped: [foreign] });
    expect(await receivedIds(ada)).toEqual([]);
    await t.api('POST', `/invitations/${a}/withdraw`, bob);
    expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: ada.id }),
      403,
      'invitations_restricted',
    );
  });
});

describe('M1 M3 the profile says when Connect needs the email (issue 12 item 11)', () => {
  const profile = async (viewer: TestMember, of: TestMember) => {
    const res = await t.api('GET', `/members/${of.id}`, viewer);
    expect(res.statusCode).toBe(200);
    return res;
  };
  /** The profile without whose it is: what must not differ between the reasons. */
  const withoutMember = (body: Record<string, unknown>) => ({ ...body, member: undefined });

  it('says so for a member who asks for it and for one who marked the viewer, alike, never showing the address', async () => {
    const [ada, bob, dee, fay] = [
      await t.signUp('Ada'),
      await t.signUp('Bob'),
      await t.signUp('Dee'),
      await t.signUp('Fay'),
    ];
    expect((await profile(bob, ada)).json().invitationRequiresEmail).toBe(false);

    const id = await invite(bob, ada);
    await t.api('POST', `/invitations/${id}/dont-know`, ada);
    // Still pending to Bob: Connect is not on offer, so nothing is asked.
    expect((await profile(bob, ada)).json().invitationRequiresEmail).toBe(false);
    await t.api('POST', `/invitations/${id}/withdraw`, bob);
    await t.api('PATCH', '/settings', dee, { whoCanInvite: 'email_required' });

    const byMark = await profile(bob, ada);
    const bySetting = await profile(bob, dee);
    expect(byMark.json().invitationRequiresEmail).toBe(true);
    expect(withoutMember(byMark.json())).toEqual(withoutMember(bySetting.json()));
    expect(byMark.headers['content-length']).toBe(bySetting.headers['content-length']);
    expect(byMark.body).not.toContain(ada.email);
    expect(bySetting.body).not.toContain(dee.email);
    // The mark is on Bob only; Fay may invite Ada as before.
    expect((await profile(fay, ada)).json().invitationRequiresEmail).toBe(false);
    // And the profile is right: a send without the email is refused, with it it goes.
    expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: dee.id }),
      403,
      'invitations_restricted',
    );
    const sent = await t.api('POST', '/invitations', bob, { recipientId: dee.id, recipientEmail: dee.email });
    expect(sent.statusCode).toBe(201);
    expect((await profile(bob, dee)).json().invitationRequiresEmail).toBe(false);
  });

  it('says so to a restricted viewer about everyone, until the restriction ends; inviting back needs nothing', async () => {
    const [eve, gus, hal] = [await t.signUp('Eve'), await t.signUp('Gus'), await t.signUp('Hal')];
    await invite(hal, eve);
    const until = t.clock.now() + 14 * DAY;
    await t.deps.db
      .updateTable('members')
      .set({ restricted_until: until })
      .where('id', '=', eve.id)
      .execute();

    expect((await profile(eve, gus)).json().invitationRequiresEmail).toBe(true);
    expect((await profile(gus, eve)).json().invitationRequiresEmail).toBe(false);
    // Hal invited Eve: her Connect accepts his invitation, which needs no email (I3).
    expect((await profile(eve, hal)).json().invitationRequiresEmail).toBe(false);
    const back = await t.api('POST', '/invitations', eve, { recipientId: hal.id });
    expect(back.statusCode).toBe(200);
    expect((await t.api('GET', '/connections', eve)).json().items).toHaveLength(1);

    t.clock.set(until + 1);
    expect((await profile(eve, gus)).json().invitationRequiresEmail).toBe(false);
  });
});

describe('M2 reports', () => {
  it('reporting a received invitation ignores it and keeps a copy that outlives a withdrawal', async () => {
    const [ada, bob] = [await t.signUp('Ada'), await t.signUp('Bob')];
    const id = await invite(bob, ada, 'Buy my course');
    const res = await t.api('POST', '/reports', ada, { invitationId: id, reason: 'spam', comment: 'again' });
    expect(res.statusCode).toBe(201);
    const reportId = res.json().id as string;
    expect(typeof reportId).toBe('string');
    expect(await receivedIds(ada)).toEqual([]);
    expect(await sentIds(bob)).toEqual([id]);
    await t.api('POST', `/invitations/${id}/withdraw`, bob);
    const row = await t.deps.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reporter_id: ada.id,
      reported_id: bob.id,
      reason: 'spam',
      comment: 'again',
      status: 'open',
      snapshot_message: 'Buy my course',
      snapshot_reporter_name: 'Ada',
      snapshot_reported_name: 'Bob',
    });
    // The sender's own views say nothing of it.
    expect((await t.api('GET', '/invitations/history', bob)).json().items[0].outcome).toBe('withdrawn');
    expect((await t.api('GET', '/notifications', bob)).json().items).toEqual([]);
  });

  it('a member can be reported too, once a day', async () => {
    const [ada, bob] = [await t.signUp('Ada'), await t.signUp('Bob')];
    expect((await t.api('POST', '/reports', ada, { memberId: bob.id, reason: 'fake' })).statusCode).toBe(201);
    const before = await snapshotDatabase(t.deps.db);
    expectProblem(
      await t.api('POST', '/reports', ada, { memberId: bob.id, reason: 'fake' }),
      409,
      'already_reported',
    );
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    t.clock.advance(DAY + 1);
    expect((await t.api('POST', '/reports', ada, { memberId: bob.id, reason: 'other' })).statusCode).toBe(
      201,
    );
  });

  it('bad input is a clear 4xx and changes nothing', async () => {
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const bobToCy = await invite(bob, cy);
    const cyToAda = await invite(cy, ada);
    const before = await snapshotDatabase(t.deps.db);
    const cases: [unknown, number, string][] = [
      [{ invitationId: bobToCy, reason: 'spam' }, 404, 'not_found'],
      [{ memberId: ada.id, reason: 'spam' }, 400, 'cannot_report_self'],
      [{ memberId: 'no-such-member', reason: 'spam' }, 404, 'not_found'],
      [{ memberId: bob.id, reason: 'rude' }, 400, 'validation_failed'],
      [{ memberId: bob.id }, 400, 'validation_failed'],
      [{ memberId: bob.id, invitationId: cyToAda, reason: 'spam' }, 400, 'validation_failed'],
      [{ memberId: bob.id, reason: 'spam', comment: 'x'.repeat(1001) }, 400, 'validation_failed'],
      [{ memberId: bob.id, reason: 'spam', comment: 'bell\u0007' }, 400, 'validation_failed'],
      [{ invitationId: cyToAda, reason: 'spam', comment: 'x'.repeat(1001) }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      expectProblem(await t.api('POST', '/reports', ada, body), status, code);
    }
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    expect(await receivedIds(ada)).toEqual([cyToAda]);
    // A comment of exactly 1000 characters, with line breaks, is fine.
    const ok = await t.api('POST', '/reports', ada, {
      invitationId: cyToAda,
      reason: 'other',
      comment: `${'x'.repeat(998)}\n!`,
    });
    expect(ok.statusCode).toBe(201);
    expectProblem(
      await t.api('POST', '/reports', ada, { invitationId: cyToAda, reason: 'spam' }),
      409,
      'already_reported',
    );
  });
});

describe('M3 standing', () => {
  async function markedBy(sender: TestMember, count: number, how: 'dont-know' | 'report'): Promise<void> {
    for (let i = 0; i < count; i++) {
      const r = await t.signUp(`Recipient ${i}`);
      const id = await invite(sender, r);
      const res =
        how === 'dont-know'
          ? await t.api('POST', `/invitations/${id}/dont-know`, r)
          : await t.api('POST', '/reports', r, { invitationId: id, reason: 'spam' });
      expect(res.statusCode).toBeLessThan(300);
    }
  }

  it('five marks or reports within 30 days restrict the sender for 14 days: each send needs the email', async () => {
    const spammer = await t.signUp('Spammer');
    await markedBy(spammer, 3, 'dont-know');
    await markedBy(spammer, 1, 'report');
    const fresh = await t.signUp('Fresh');
    // Four marks: not yet.
    expect((await t.api('POST', '/invitations', spammer, { recipientId: fresh.id })).statusCode).toBe(201);
    await t.api('POST', '/invitations/withdraw', spammer, { olderThanDays: 1 });
    await markedBy(spammer, 1, 'report');
    const start = t.clock.now();
    const other = await t.signUp('Other');
    const res = await t.api('POST', '/invitations', spammer, { recipientId: other.id });
    const body = expectProblem(res, 403, 'sender_restricted');
    expect(body.detail).toContain(new Date(start + 14 * DAY).toISOString());
    expect((await t.api('GET', '/invitations/quota', spammer)).json().restrictedUntil).toBe(
      new Date(start + 14 * DAY).toISOString(),
    );
    expect(
      (await t.api('POST', '/invitations', spammer, { recipientId: other.id, recipientEmail: other.email }))
        .statusCode,
    ).toBe(201);
    t.clock.set(start + 14 * DAY + 1);
    const later = await t.signUp('Later');
    expect((await t.api('POST', '/invitations', spammer, { recipientId: later.id })).statusCode).toBe(201);
  });

  it('marks older than 30 days no longer count', async () => {
    const sender = await t.signUp('Sender');
    await markedBy(sender, 4, 'dont-know');
    t.clock.advance(31 * DAY);
    await markedBy(sender, 1, 'dont-know');
    const r = await t.signUp('R');
    expect((await t.api('POST', '/invitations', sender, { recipientId: r.id })).statusCode).toBe(201);
  });

  it('a member report is no mark on their invitations', async () => {
    const sender = await t.signUp('Sender');
    for (let i = 0; i < 5; i++) {
      const r = await t.signUp(`Reporter ${i}`);
      expect((await t.api('POST', '/reports', r, { memberId: sender.id, reason: 'fake' })).statusCode).toBe(
        201,
      );
    }
    const r = await t.signUp('R');
    expect((await t.api('POST', '/invitations', sender, { recipientId: r.id })).statusCode).toBe(201);
  });
});

describe('M3 pending cap', () => {
  it('at RAPPORT_MAX_PENDING_SENT a send is 409 too_many_pending until old ones are withdrawn', async () => {
    await t.close();
    t = await createTestApp({ config: { maxPendingSent: 2 } });
    const me = await t.signUp('Me');
    const [a, b, c] = [await t.signUp('A'), await t.signUp('B'), await t.signUp('C')];
    const first = await invite(me, a);
    await invite(me, b);
    const before = await snapshotDatabase(t.deps.db);
    const body = expectProblem(
      await t.api('POST', '/invitations', me, { recipientId: c.id }),
      409,
      'too_many_pending',
    );
    expect(body.detail).toMatch(/withdraw/i);
    // The Sent tab's banner reads this.
    expect((await t.api('GET', '/invitations/quota', me)).json().pending).toEqual({ limit: 2, used: 2 });
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    // Inviting back still accepts theirs: it adds no pending invitation.
    const fromC = await invite(c, me);
    expect((await t.api('POST', '/invitations', me, { recipientId: c.id })).statusCode).toBe(200);
    expect(fromC).toBeTruthy();
    await t.api('POST', `/invitations/${first}/withdraw`, me);
    const d = await t.signUp('D');
    expect((await t.api('POST', '/invitations', me, { recipientId: d.id })).statusCode).toBe(201);
  });
});

describe('M3 pending cap and expiry', () => {
  it('an invitation past its time to live no longer counts toward the cap, before the sweep as after', async () => {
    await t.close();
    t = await createTestApp({ config: { maxPendingSent: 1 } });
    const me = await t.signUp('Me');
    const [a, b] = [await t.signUp('A'), await t.signUp('B')];
    await invite(me, a);
    expectProblem(await t.api('POST', '/invitations', me, { recipientId: b.id }), 409, 'too_many_pending');
    t.clock.set(t.clock.now() + t.deps.config.invitationTtlDays * DAY + 1);
    // Unswept: the quota and the cap both read it as expired.
    expect((await t.api('GET', '/invitations/quota', me)).json().pending).toEqual({ limit: 1, used: 0 });
    expect((await t.api('POST', '/invitations', me, { recipientId: b.id })).statusCode).toBe(201);
    expect((await t.api('GET', '/invitations/quota', me)).json().pending).toEqual({ limit: 1, used: 1 });
  });
});
