import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, WEEK } from '../../src/clock.js';
import { acceptInvitation } from '../../src/commands/acceptInvitations.js';
import { ignoreInvitation } from '../../src/commands/ignoreInvitations.js';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { withdrawInvitation } from '../../src/commands/withdrawInvitation.js';
import { endPendingInvitations } from '../../src/storage/repositories/invitations.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

// Monday 5 October 2026, 10:00 UTC: week 1 of the four weeks the main scenario looks at.
const WEEK1 = Date.UTC(2026, 9, 5, 0, 0, 0);
const T0 = WEEK1 + 10 * HOUR;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitationTtlDays: 30 }, start: T0 - 20 * DAY });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const result = await sendInvitation(t.deps, from, { recipientId: to.id, message });
  if (result.kind !== 'sent') throw new Error('expected a new invitation');
  return result.invitation.id;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Signs up one member per name, in parallel, typed as a tuple. */
function signUpAll<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: TestMember }> {
  return Promise.all(names.map((n) => t.signUp(n))) as Promise<{ [K in keyof N]: TestMember }>;
}

describe('I11 insights', () => {
  it('I11 counts totals, acceptance rate with and without a note, median time to accept, and weekly outcomes', async () => {
    const [me, b, c, d, e, f, g] = await signUpAll('Me', 'B', 'C', 'D', 'E', 'F', 'G');
    // Twenty days before week 1, with a note: it passes the 30-day TTL in week 2, unswept.
    await invite(me, g, 'Long shot');
    t.clock.set(T0);
    const toB = await invite(me, b, 'Met at the meetup');
    const toC = await invite(me, c);
    const toD = await invite(me, d, 'Quick question');
    t.clock.advance(2 * HOUR);
    await acceptInvitation(t.deps, b, toB); // 2 hours, week 1
    t.clock.set(T0 + WEEK + 10 * HOUR);
    await acceptInvitation(t.deps, c, toC); // 178 hours, week 2
    await withdrawInvitation(t.deps, me, toD); // week 2
    t.clock.set(T0 + 2 * WEEK);
    const toE = await invite(me, e, 'Hello');
    await invite(me, f);
    await ignoreInvitation(t.deps, e, toE); // still pending to me
    t.clock.set(T0 + 3 * WEEK + 5 * HOUR); // week 4, the current one

    const res = await t.api('GET', '/invitations/insights?weeks=4', me);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      totals: { sent: 6, accepted: 2, withdrawn: 1, expired: 1, pending: 2 },
      // With a note: B accepted, D withdrawn, G expired (E is pending) → 1/3.
      // Without: C accepted (F is pending) → 1/1.
      acceptanceRate: { withNote: 0.3333, withoutNote: 1 },
      byNote: {
        withNote: { accepted: 1, withdrawn: 1, expired: 1, pending: 1 },
        withoutNote: { accepted: 1, withdrawn: 0, expired: 0, pending: 1 },
      },
      medianHoursToAccept: 90,
      weekly: [
        { weekStart: iso(WEEK1), sent: 3, accepted: 1, withdrawn: 0, expired: 0 },
        { weekStart: iso(WEEK1 + WEEK), sent: 0, accepted: 1, withdrawn: 1, expired: 1 },
        { weekStart: iso(WEEK1 + 2 * WEEK), sent: 2, accepted: 0, withdrawn: 0, expired: 0 },
        { weekStart: iso(WEEK1 + 3 * WEEK), sent: 0, accepted: 0, withdrawn: 0, expired: 0 },
      ],
    });
  });

  it('I11 an ignored invitation counts as pending, in totals and in the acceptance rate', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    const id = await invite(me, them, 'Hi');
    await ignoreInvitation(t.deps, them, id);
    const body = (await t.api('GET', '/invitations/insights', me)).json();
    expect(body.totals).toEqual({ sent: 1, accepted: 0, withdrawn: 0, expired: 0, pending: 1 });
    expect(body.acceptanceRate).toEqual({ withNote: null, withoutNote: null });
  });

  it('I11 an expiry the sweep recorded counts in the week it ended', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    const id = await invite(me, them);
    t.clock.set(T0 + 2 * DAY);
    await endPendingInvitations(t.deps.db, [id], 'expired', t.clock.now());
    const body = (await t.api('GET', '/invitations/insights?weeks=1', me)).json();
    expect(body.totals).toEqual({ sent: 1, accepted: 0, withdrawn: 0, expired: 1, pending: 0 });
    expect(body.acceptanceRate).toEqual({ withNote: null, withoutNote: 0 });
    expect(body.weekly).toEqual([{ weekStart: iso(WEEK1), sent: 0, accepted: 0, withdrawn: 0, expired: 1 }]);
  });

  it('I11 the median of an odd number of acceptances is the middle one', async () => {
    const [me, a, b, c] = await Promise.all([t.signUp('Me'), t.signUp('A'), t.signUp('B'), t.signUp('C')]);
    const ids = [await invite(me, a), await invite(me, b), await invite(me, c)];
    for (const [i, [member, id]] of [
      [a, ids[0]],
      [b, ids[1]],
      [c, ids[2]],
    ].entries()) {
      t.clock.advance((i + 1) * 1.5 * HOUR); // accepted after 1.5, 4.5 and 9 hours
      await acceptInvitation(t.deps, member as TestMember, id as string);
    }
    const body = (await t.api('GET', '/invitations/insights', me)).json();
    expect(body.medianHoursToAccept).toBe(4.5);
    expect(body.acceptanceRate).toEqual({ withNote: null, withoutNote: 1 });
  });

  it('I11 a member who sent nothing gets zeros, nulls and twelve empty weeks ending with this one', async () => {
    const me = await t.signUp('Me');
    t.clock.set(Date.UTC(2026, 10, 1, 23, 59)); // a Sunday: its week started Monday 26 October
    const body = (await t.api('GET', '/invitations/insights', me)).json();
    expect(body.totals).toEqual({ sent: 0, accepted: 0, withdrawn: 0, expired: 0, pending: 0 });
    expect(body.acceptanceRate).toEqual({ withNote: null, withoutNote: null });
    const none = { accepted: 0, withdrawn: 0, expired: 0, pending: 0 };
    expect(body.byNote).toEqual({ withNote: none, withoutNote: none });
    expect(body.medianHoursToAccept).toBeNull();
    expect(body.weekly).toHaveLength(12);
    expect(body.weekly[11]).toEqual({
      weekStart: '2026-10-26T00:00:00.000Z',
      sent: 0,
      accepted: 0,
      withdrawn: 0,
      expired: 0,
    });
    expect(body.weekly[0].weekStart).toBe(iso(Date.UTC(2026, 9, 26) - 11 * WEEK));
  });

  it('I11 counts only the caller’s own invitations', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    await invite(them, me, 'Hi');
    const body = (await t.api('GET', '/invitations/insights', me)).json();
    expect(body.totals.sent).toBe(0);
  });

  it('I11 refuses weeks outside 1–104 with validation_failed, and needs auth', async () => {
    const me = await t.signUp('Me');
    expectProblem(await t.api('GET', '/invitations/insights?weeks=0', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/invitations/insights?weeks=105', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/invitations/insights?weeks=two', me), 400, 'validation_failed');
    expect((await t.api('GET', '/invitations/insights?weeks=104', me)).json().weekly).toHaveLength(104);
    expectProblem(await t.api('GET', '/invitations/insights', null), 401, 'unauthorized');
  });
});
