import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/clock.js';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { withdrawInvitation } from '../../src/commands/withdrawInvitation.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  // As if RAPPORT_INVITES_PER_DAY=3 and RAPPORT_INVITES_PER_WEEK=5.
  t = await createTestApp({ config: { invitesPerDay: 3, invitesPerWeek: 5 } });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember): Promise<string> {
  const result = await sendInvitation(t.deps, from, { recipientId: to.id });
  if (result.kind !== 'sent') throw new Error('expected a new invitation');
  return result.invitation.id;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('I2 I7 sending quota', () => {
  it('I2 shows the configured limits, nothing used and no reset when nothing was sent', async () => {
    const me = await t.signUp('Me');
    const res = await t.api('GET', '/invitations/quota', me);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      day: { limit: 3, used: 0, resetsAt: null },
      week: { limit: 5, used: 0, resetsAt: null },
      resendCooldownDays: 0,
      pending: { limit: 5000, used: expect.any(Number) },
      restrictedUntil: null,
    });
  });

  it('I7 counts withdrawn invitations too; resetsAt is when the oldest counted one leaves each window', async () => {
    const [me, a, b] = await Promise.all([t.signUp('Me'), t.signUp('A'), t.signUp('B')]);
    const first = t.clock.now();
    const toA = await invite(me, a);
    t.clock.advance(2 * HOUR);
    await invite(me, b);
    await withdrawInvitation(t.deps, me, toA);
    expect((await t.api('GET', '/invitations/quota', me)).json()).toEqual({
      day: { limit: 3, used: 2, resetsAt: iso(first + DAY) },
      week: { limit: 5, used: 2, resetsAt: iso(first + 7 * DAY) },
      resendCooldownDays: 0,
      pending: { limit: 5000, used: expect.any(Number) },
      restrictedUntil: null,
    });

    // A day later the first has left the day window, the second not yet; the week still holds both.
    t.clock.set(first + DAY + HOUR);
    expect((await t.api('GET', '/invitations/quota', me)).json()).toEqual({
      day: { limit: 3, used: 1, resetsAt: iso(first + 2 * HOUR + DAY) },
      week: { limit: 5, used: 2, resetsAt: iso(first + 7 * DAY) },
      resendCooldownDays: 0,
      pending: { limit: 5000, used: expect.any(Number) },
      restrictedUntil: null,
    });

    t.clock.set(first + 8 * DAY);
    expect((await t.api('GET', '/invitations/quota', me)).json()).toEqual({
      day: { limit: 3, used: 0, resetsAt: null },
      week: { limit: 5, used: 0, resetsAt: null },
      resendCooldownDays: 0,
      pending: { limit: 5000, used: expect.any(Number) },
      restrictedUntil: null,
    });
  });

  it('I2 a full day window reads used = limit, and the refused send adds nothing', async () => {
    const me = await t.signUp('Me');
    const others = await Promise.all(['A', 'B', 'C', 'D'].map((n) => t.signUp(n)));
    const first = t.clock.now();
    for (const other of others.slice(0, 3)) {
      await invite(me, other);
      t.clock.advance(HOUR);
    }
    const refused = await t.api('POST', '/invitations', me, { recipientId: (others[3] as TestMember).id });
    expectProblem(refused, 429, 'invitation_limit_reached');
    const quota = (await t.api('GET', '/invitations/quota', me)).json();
    expect(quota.day).toEqual({ limit: 3, used: 3, resetsAt: iso(first + DAY) });
    expect(quota.week.used).toBe(3);
    expect(Number(refused.headers['retry-after'])).toBe((first + DAY - t.clock.now()) / 1000);
  });

  it('I2 is the caller’s own quota: received invitations do not count', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    await invite(them, me);
    const body = (await t.api('GET', '/invitations/quota', me)).json();
    expect(body.day.used).toBe(0);
    expectProblem(await t.api('GET', '/invitations/quota', null), 401, 'unauthorized');
  });
});
