import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../src/commands/acceptInvitations.js';
import { withdrawInvitation } from '../../src/commands/withdrawInvitation.js';
import { createTestApp, DAY, expectProblem, type TestApp } from '../helpers/app.js';
import { connect, expectConsistent, ignore, invite, summary } from './relations.fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('I4 My Network summary', () => {
  it('I4 a new member has nothing', async () => {
    const me = await t.signUp();
    expect(await summary(t, me)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
  });

  it('I4 counts follow sends, accepts and withdrawals on both sides', async () => {
    const me = await t.signUp();
    const ann = await t.signUp();
    const ben = await t.signUp();
    const toAnn = await invite(t, me, ann);
    const toBen = await invite(t, me, ben);
    await invite(t, ben, ann);
    expect(await summary(t, me)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 2 });
    expect(await summary(t, ann)).toEqual({ connections: 0, invitationsReceived: 2, invitationsSent: 0 });
    await acceptInvitation(t.deps, { id: ann.id }, toAnn);
    expect(await summary(t, me)).toEqual({ connections: 1, invitationsReceived: 0, invitationsSent: 1 });
    expect(await summary(t, ann)).toEqual({ connections: 1, invitationsReceived: 1, invitationsSent: 0 });
    await withdrawInvitation(t.deps, { id: me.id }, toBen);
    expect(await summary(t, me)).toEqual({ connections: 1, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, ben)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 1 });
    await expectConsistent(t);
  });

  it('I4 I8 an ignored invitation leaves the recipient’s count but stays in the sender’s', async () => {
    const me = await t.signUp();
    const ann = await t.signUp();
    const id = await invite(t, ann, me);
    await ignore(t, me, id);
    expect(await summary(t, me)).toMatchObject({ invitationsReceived: 0 });
    expect(await summary(t, ann)).toMatchObject({ invitationsSent: 1 });
  });

  it('I4 I9 invitations past their time to live leave both counts, even before any sweep', async () => {
    const me = await t.signUp();
    const ann = await t.signUp();
    const ben = await t.signUp();
    const cy = await t.signUp();
    const dan = await t.signUp();
    await invite(t, me, ann);
    const ignored = await invite(t, cy, me);
    await ignore(t, me, ignored);
    t.clock.advance(10 * DAY);
    await invite(t, ben, me);
    await connect(t, me, dan);
    t.clock.advance((t.deps.config.invitationTtlDays - 10) * DAY);
    expect(await summary(t, me)).toEqual({ connections: 1, invitationsReceived: 1, invitationsSent: 0 });
    expect(await summary(t, ann)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, cy)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, ben)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 1 });
    t.clock.advance(10 * DAY);
    expect(await summary(t, me)).toEqual({ connections: 1, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, ben)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
  });

  it('I4 401 without auth', async () => {
    expectProblem(await t.api('GET', '/network/summary', null), 401, 'unauthorized');
  });
});
