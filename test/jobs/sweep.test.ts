import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../src/clock.js';
import type { LiveEvent } from '../../src/events/bus.js';
import { runSweep, type SweepReport } from '../../src/jobs/sweep.js';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitationTtlDays: 180, staleReminderDays: 30 } });
});
afterEach(() => t.close());

const NOTHING: SweepReport = {
  expired: 0,
  autoWithdrawn: 0,
  remindersSent: 0,
  sessionsDeleted: 0,
  loginFailuresDeleted: 0,
};

async function invite(from: TestMember, to: TestMember): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { invitation: { id: string } }).invitation.id;
}

async function get<T = Record<string, unknown>>(member: TestMember, url: string): Promise<T> {
  const res = await t.api('GET', url, member);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

type List = { items: Record<string, unknown>[]; total: number; unreadCount?: number };

async function outcomes(
  member: TestMember,
): Promise<Record<string, { outcome: string; endedAt: string | null }>> {
  const history = await get<{ items: { id: string; outcome: string; endedAt: string | null }[] }>(
    member,
    '/invitations/history?limit=100',
  );
  return Object.fromEntries(history.items.map((i) => [i.id, { outcome: i.outcome, endedAt: i.endedAt }]));
}

/** What the database holds for a member, beyond what any list shows. */
async function stored(memberId: string) {
  const member = await t.deps.db
    .selectFrom('members')
    .select(['pending_sent_count', 'pending_received_count', 'last_stale_reminder_at'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const notifications = await t.deps.db
    .selectFrom('notifications')
    .select(['type', 'count', 'actor_id', 'invitation_id'])
    .where('member_id', '=', memberId)
    .execute();
  return { ...member, notifications };
}

function listen(memberId: string): LiveEvent[] {
  const events: LiveEvent[] = [];
  t.deps.bus.subscribe(memberId, (e) => events.push(e));
  return events;
}

describe('I9 expiry', () => {
  it('I9 a pending invitation expires at the TTL: the sender reads expired, the recipient keeps no trace', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    const bobEvents = listen(bob.id);

    t.clock.advance(180 * DAY - 1);
    expect(await runSweep(t.deps)).toMatchObject({ expired: 0 });
    expect((await outcomes(ada))[invitationId]?.outcome).toBe('pending');

    t.clock.advance(1);
    expect(await runSweep(t.deps)).toEqual({ ...NOTHING, expired: 1 });
    expect((await outcomes(ada))[invitationId]).toEqual({
      outcome: 'expired',
      endedAt: new Date(t.clock.now()).toISOString(),
    });
    // The recipient's notification and unread count are gone from the database, not just hidden.
    expect(await stored(bob.id)).toMatchObject({ pending_received_count: 0, notifications: [] });
    // The expiry notifies nobody (Ada only has the stale reminder the earlier run sent).
    const adas = await stored(ada.id);
    expect(adas.pending_sent_count).toBe(0);
    expect(adas.notifications.map((n) => n.type)).toEqual(['stale_invitations_reminder']);
    expect(await get(bob, '/notifications')).toMatchObject({ items: [], total: 0, unreadCount: 0 });
    expect(await get(bob, '/invitations/received')).toMatchObject({ items: [], total: 0 });
    expect(await get(ada, '/invitations/sent')).toMatchObject({ items: [], total: 0 });
    expect(await get(bob, '/network/summary')).toMatchObject({ invitationsReceived: 0 });
    expect(bobEvents.map((e) => e.type).sort()).toEqual(['invitation_removed', 'notification_removed']);

    // The pair is free again (an expiry sets no resend cooldown).
    expect((await t.api('POST', '/invitations', ada, { recipientId: bob.id })).statusCode).toBe(201);
  });

  it('I9 the sweep is idempotent: a second run changes nothing', async () => {
    const ada = await t.signUp('Ada');
    for (let i = 0; i < 3; i++) await invite(ada, await t.signUp());
    t.clock.advance(181 * DAY);
    expect((await runSweep(t.deps)).expired).toBe(3);
    const before = await stored(ada.id);
    const history = await outcomes(ada);
    t.clock.advance(MINUTE);
    expect(await runSweep(t.deps)).toEqual(NOTHING);
    expect(await stored(ada.id)).toEqual(before);
    expect(await outcomes(ada)).toEqual(history);
  });

  it('I9 a backlog larger than one batch is worked through in batches', async () => {
    const ada = await t.signUp('Ada');
    const recipients: TestMember[] = [];
    for (let i = 0; i < 5; i++) recipients.push(await t.signUp());
    for (const r of recipients) await invite(ada, r);
    const ignoring = await t.signUp();
    const ignored = await invite(recipients[0] as TestMember, ignoring);
    expect((await t.api('POST', `/invitations/${ignored}/ignore`, ignoring)).statusCode).toBe(204);
    t.clock.advance(200 * DAY);
    expect((await runSweep(t.deps, { batchSize: 2 })).expired).toBe(6);
    expect((await stored(ada.id)).pending_sent_count).toBe(0);
    for (const r of recipients) expect((await stored(r.id)).pending_received_count).toBe(0);
  });

  it("I9 an ignored invitation expires without moving the recipient's count twice", async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const ignored = await invite(ada, bob);
    expect((await t.api('POST', `/invitations/${ignored}/ignore`, bob)).statusCode).toBe(204);
    await invite(await t.signUp('Carol'), bob);
    t.clock.advance(10 * DAY);
    const fresh = await invite(await t.signUp('Dan'), bob);
    t.clock.advance(171 * DAY);
    expect((await runSweep(t.deps)).expired).toBe(2);
    expect((await outcomes(ada))[ignored]?.outcome).toBe('expired');
    expect((await stored(bob.id)).pending_received_count).toBe(1);
    expect((await get<List>(bob, '/invitations/received')).items.map((i) => i.id)).toEqual([fresh]);
  });

  it('I9 concurrent sweeps end each invitation once', async () => {
    const ada = await t.signUp('Ada');
    for (let i = 0; i < 4; i++) await invite(ada, await t.signUp());
    t.clock.advance(181 * DAY);
    const reports = await Promise.all([runSweep(t.deps), runSweep(t.deps), runSweep(t.deps)]);
    expect(reports.reduce((n, r) => n + r.expired, 0)).toBe(4);
    expect((await stored(ada.id)).pending_sent_count).toBe(0);
  });
});

describe('I9 C3 auto-withdraw', () => {
  it("I9 C3 withdraws silently after N days: the recipient has no trace, the sender's history says withdrawn", async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const carol = await t.signUp('Carol');
    const dan = await t.signUp('Dan');
    expect((await t.api('PATCH', '/settings', ada, { autoWithdrawAfterDays: 14 })).statusCode).toBe(200);
    const toBob = await invite(ada, bob);
    const fromDan = await invite(dan, bob); // Dan has no setting: never auto-withdrawn
    t.clock.advance(10 * DAY);
    const toCarol = await invite(ada, carol);
    const bobEvents = listen(bob.id);
    const adaEvents = listen(ada.id);

    t.clock.advance(4 * DAY);
    expect(await runSweep(t.deps)).toEqual({ ...NOTHING, autoWithdrawn: 1 });

    const history = await outcomes(ada);
    expect(history[toBob]).toEqual({ outcome: 'withdrawn', endedAt: new Date(t.clock.now()).toISOString() });
    expect(history[toCarol]?.outcome).toBe('pending');
    expect((await outcomes(dan))[fromDan]?.outcome).toBe('pending');

    // Nothing Bob can reach shows that Ada's invitation existed.
    const received = await get<List>(bob, '/invitations/received');
    expect(received.items.map((i) => i.id)).toEqual([fromDan]);
    const notifications = await get<List>(bob, '/notifications');
    expect(notifications.total).toBe(1);
    expect(notifications.unreadCount).toBe(1);
    expect(JSON.stringify(notifications)).not.toContain(ada.id);
    expect(await get(bob, `/members/${ada.id}`)).toMatchObject({ relationship: 'none', invitationId: null });
    expect(await stored(bob.id)).toMatchObject({ pending_received_count: 1 });
    expect((await stored(bob.id)).notifications).toEqual([expect.objectContaining({ actor_id: dan.id })]);
    // Live: Bob's open pages drop the row; nobody is notified.
    expect(bobEvents.map((e) => e.type).sort()).toEqual(['invitation_removed', 'notification_removed']);
    expect(adaEvents).toEqual([]);
    expect((await stored(ada.id)).notifications).toEqual([]);

    expect(await get<List>(ada, '/invitations/sent')).toMatchObject({ total: 1 });
    t.clock.advance(MINUTE);
    expect(await runSweep(t.deps)).toEqual(NOTHING);
  });

  it('C3 turning the setting off stops it; an ignored invitation is withdrawn like any other', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    await t.api('PATCH', '/settings', ada, { autoWithdrawAfterDays: 7 });
    const kept = await invite(ada, await t.signUp('Carol'));
    await t.api('PATCH', '/settings', ada, { autoWithdrawAfterDays: null });
    t.clock.advance(8 * DAY);
    expect((await runSweep(t.deps)).autoWithdrawn).toBe(0);
    expect((await outcomes(ada))[kept]?.outcome).toBe('pending');

    await t.api('PATCH', '/settings', ada, { autoWithdrawAfterDays: 7 });
    const ignored = await invite(ada, bob);
    await t.api('POST', `/invitations/${ignored}/ignore`, bob);
    t.clock.advance(7 * DAY);
    expect((await runSweep(t.deps)).autoWithdrawn).toBe(2);
    expect(await outcomes(ada)).toMatchObject({
      [kept]: { outcome: 'withdrawn' },
      [ignored]: { outcome: 'withdrawn' },
    });
    expect(await stored(ada.id)).toMatchObject({ pending_sent_count: 0 });
    expect(await stored(bob.id)).toMatchObject({ pending_received_count: 0 });
  });

  it('I9 C3 an invitation already past the TTL reads expired, not withdrawn', async () => {
    const ada = await t.signUp('Ada');
    await t.api('PATCH', '/settings', ada, { autoWithdrawAfterDays: 30 });
    const id = await invite(ada, await t.signUp('Bob'));
    t.clock.advance(181 * DAY);
    expect(await runSweep(t.deps)).toMatchObject({ expired: 1, autoWithdrawn: 0 });
    expect((await outcomes(ada))[id]?.outcome).toBe('expired');
  });
});

describe('I9 N1 stale reminders', () => {
  async function reminders(member: TestMember) {
    return (await get<List>(member, '/notifications')).items.filter(
      (n) => n.type === 'stale_invitations_reminder',
    );
  }

  it('I9 N1 one reminder when invitations have been pending over 30 days, carrying how many', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    for (let i = 0; i < 3; i++) await invite(ada, await t.signUp());
    const ignored = await invite(ada, bob); // to Ada it is still pending
    await t.api('POST', `/invitations/${ignored}/ignore`, bob);
    t.clock.advance(5 * DAY);
    await invite(ada, await t.signUp());
    const adaEvents = listen(ada.id);

    t.clock.advance(25 * DAY - 1);
    expect((await runSweep(t.deps)).remindersSent).toBe(0);
    t.clock.advance(1);
    expect(await runSweep(t.deps)).toEqual({ ...NOTHING, remindersSent: 1 });

    const list = await get<List>(ada, '/notifications');
    expect(list.unreadCount).toBe(1);
    expect(list.items).toEqual([
      {
        id: expect.any(String),
        type: 'stale_invitations_reminder',
        actor: null,
        invitationId: null,
        createdAt: new Date(t.clock.now()).toISOString(),
        read: false,
        count: 4,
      },
    ]);
    expect(adaEvents).toEqual([
      { type: 'notification', memberId: ada.id, notificationId: list.items[0]?.id },
    ]);
    expect((await stored(ada.id)).last_stale_reminder_at).toBe(t.clock.now());
    // Nobody else is reminded: Bob sent nothing.
    expect(await reminders(bob)).toEqual([]);
  });

  it('I9 N1 at most one reminder per member per 7 days', async () => {
    const ada = await t.signUp('Ada');
    for (let i = 0; i < 2; i++) await invite(ada, await t.signUp());
    t.clock.advance(5 * DAY);
    await invite(ada, await t.signUp());
    t.clock.advance(25 * DAY);
    expect((await runSweep(t.deps)).remindersSent).toBe(1);
    expect((await reminders(ada)).map((n) => n.count)).toEqual([2]);

    t.clock.advance(DAY);
    expect((await runSweep(t.deps)).remindersSent).toBe(0);
    t.clock.advance(6 * DAY - 1);
    expect((await runSweep(t.deps)).remindersSent).toBe(0);
    t.clock.advance(1);
    expect((await runSweep(t.deps)).remindersSent).toBe(1);
    expect((await reminders(ada)).map((n) => n.count)).toEqual([3, 2]);
  });

  it('I9 N1 no reminder once the stale invitations are withdrawn or answered', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const withdrawn = await invite(ada, await t.signUp());
    const accepted = await invite(ada, bob);
    t.clock.advance(31 * DAY);
    await t.api('POST', `/invitations/${withdrawn}/withdraw`, ada);
    await t.api('POST', `/invitations/${accepted}/accept`, bob);
    expect((await runSweep(t.deps)).remindersSent).toBe(0);
    expect(await reminders(ada)).toEqual([]);
  });

  it('I9 N1 concurrent sweeps send one reminder, not one each', async () => {
    const members: TestMember[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await t.signUp();
      members.push(m);
      await invite(m, await t.signUp());
    }
    t.clock.advance(31 * DAY);
    const reports = await Promise.all([
      runSweep(t.deps),
      runSweep(t.deps, { batchSize: 1 }),
      runSweep(t.deps),
    ]);
    expect(reports.reduce((n, r) => n + r.remindersSent, 0)).toBe(3);
    for (const m of members) expect(await reminders(m)).toHaveLength(1);
  });
});

describe('sweep housekeeping', () => {
  it('deletes expired sessions and failed sign-ins older than 15 minutes, and counts its runs', async () => {
    const ada = await t.signUp('Ada');
    const now = t.clock.now();
    await t.deps.db
      .insertInto('sessions')
      .values({
        token_hash: 'old-session',
        member_id: ada.id,
        created_at: now - 40 * DAY,
        expires_at: now - 1,
      })
      .execute();
    await t.deps.db
      .insertInto('login_failures')
      .values([
        { id: 'f1', email_normalized: 'a@b.test', client_address: '127.0.0.1', at: now - 15 * MINUTE },
        { id: 'f2', email_normalized: 'a@b.test', client_address: '127.0.0.1', at: now - 14 * MINUTE },
      ])
      .execute();
    const runsBefore = (await t.deps.metrics.sweeps.get()).values[0]?.value ?? 0;

    expect(await runSweep(t.deps)).toEqual({ ...NOTHING, sessionsDeleted: 1, loginFailuresDeleted: 1 });
    const sessions = await t.deps.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).not.toContain('old-session');
    expect((await t.api('GET', '/me', ada)).statusCode).toBe(200);
    const failures = await t.deps.db.selectFrom('login_failures').select('id').execute();
    expect(failures.map((f) => f.id)).toEqual(['f2']);
    expect((await t.deps.metrics.sweeps.get()).values[0]?.value).toBe(runsBefore + 1);
  });
});
