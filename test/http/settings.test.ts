import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';

let t: TestApp;
/** The email switches (N2) are all on unless changed. */
const EMAIL_ON = { invitationReceived: true, invitationAccepted: true, reminders: true };
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('C3 settings', () => {
  it('C3 defaults: everyone may invite, auto-withdraw off', async () => {
    const me = await t.signUp();
    const res = await t.api('GET', '/settings', me);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ whoCanInvite: 'everyone', autoWithdrawAfterDays: null, email: EMAIL_ON });
  });

  it('C3 PATCH changes any subset and answers 200 with the new settings; fields left out keep their value', async () => {
    const me = await t.signUp();
    const a = await t.api('PATCH', '/settings', me, { autoWithdrawAfterDays: 30 });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ whoCanInvite: 'everyone', autoWithdrawAfterDays: 30, email: EMAIL_ON });
    const b = await t.api('PATCH', '/settings', me, { whoCanInvite: 'email_required' });
    expect(b.json()).toEqual({ whoCanInvite: 'email_required', autoWithdrawAfterDays: 30, email: EMAIL_ON });
    const c = await t.api('PATCH', '/settings', me, { autoWithdrawAfterDays: null });
    expect(c.json()).toEqual({
      whoCanInvite: 'email_required',
      autoWithdrawAfterDays: null,
      email: EMAIL_ON,
    });
    const d = await t.api('PATCH', '/settings', me, {
      whoCanInvite: 'everyone',
      autoWithdrawAfterDays: 3650,
    });
    expect(d.json()).toEqual({ whoCanInvite: 'everyone', autoWithdrawAfterDays: 3650, email: EMAIL_ON });
    const e = await t.api('PATCH', '/settings', me, {});
    expect(e.json()).toEqual({ whoCanInvite: 'everyone', autoWithdrawAfterDays: 3650, email: EMAIL_ON });
    expect((await t.api('GET', '/settings', me)).json()).toEqual({
      whoCanInvite: 'everyone',
      autoWithdrawAfterDays: 3650,
      email: EMAIL_ON,
    });
  });

  it('C3 settings are per member', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    await t.api('PATCH', '/settings', me, { whoCanInvite: 'email_required', autoWithdrawAfterDays: 7 });
    expect((await t.api('GET', '/settings', other)).json()).toEqual({
      whoCanInvite: 'everyone',
      autoWithdrawAfterDays: null,
      email: EMAIL_ON,
    });
  });

  it('C3 I2 "only people who know my email address" takes effect for the next invitation', async () => {
    const me = await t.signUp('Me', { email: 'me@example.test' });
    const other = await t.signUp();
    await t.api('PATCH', '/settings', me, { whoCanInvite: 'email_required' });
    await expect(sendInvitation(t.deps, { id: other.id }, { recipientId: me.id })).rejects.toMatchObject({
      code: 'invitations_restricted',
    });
    const sent = await sendInvitation(
      t.deps,
      { id: other.id },
      { recipientId: me.id, recipientEmail: ' ME@example.test ' },
    );
    expect(sent.kind).toBe('sent');
  });

  it('C3 400 validation_failed for bad values, and nothing changes', async () => {
    const me = await t.signUp();
    await t.api('PATCH', '/settings', me, { autoWithdrawAfterDays: 14 });
    for (const body of [
      { autoWithdrawAfterDays: 0 },
      { autoWithdrawAfterDays: -1 },
      { autoWithdrawAfterDays: 3651 },
      { autoWithdrawAfterDays: 1.5 },
      { autoWithdrawAfterDays: '30' },
      { autoWithdrawAfterDays: true },
      { whoCanInvite: 'nobody' },
      { whoCanInvite: null },
      { whoCanInvite: 'email_required', autoWithdrawAfterDays: 0 },
      [],
    ]) {
      const res = await t.api('PATCH', '/settings', me, body);
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors).toEqual(expect.any(Array));
    }
    expect((await t.api('GET', '/settings', me)).json()).toEqual({
      whoCanInvite: 'everyone',
      autoWithdrawAfterDays: 14,
      email: EMAIL_ON,
    });
  });

  it('C3 401 without auth', async () => {
    expectProblem(await t.api('GET', '/settings', null), 401, 'unauthorized');
    expectProblem(await t.api('PATCH', '/settings', null, { autoWithdrawAfterDays: 3 }), 401, 'unauthorized');
  });
});
