import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import {
  bell,
  connect,
  expectConsistent,
  ignore,
  invite,
  listen,
  profile,
  summary,
} from './relations.fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const deleteMe = (m: TestMember | string | null, password: unknown) =>
  t.api('DELETE', '/me', m, password === undefined ? undefined : { password });

/** A member with something of every kind pointing at them, and the members on the other side. */
async function busyMember() {
  const x = await t.signUp('Xavier Leaving');
  const [a, b, c, d, e, f, g] = await Promise.all(
    ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus'].map((n) => t.signUp(n)),
  );
  const m = { a: a!, b: b!, c: c!, d: d!, e: e!, f: f!, g: g! };
  await connect(t, x, m.a); // X holds "Ann accepted your invitation"
  await connect(t, m.b, x); // Ben holds "Xavier accepted your invitation"
  await connect(t, m.a, m.b);
  const toCat = await invite(t, x, m.c, 'Hello Cat'); // Cat: "Xavier sent you an invitation"
  const toDan = await invite(t, x, m.d);
  await ignore(t, m.d, toDan);
  await invite(t, m.e, x); // X: "Eve sent you an invitation"
  await invite(t, m.a, m.c); // untouched by the deletion
  expect((await t.api('POST', '/blocks', x, { memberId: m.f.id })).statusCode).toBe(204);
  expect((await t.api('POST', '/blocks', m.g, { memberId: x.id })).statusCode).toBe(204);
  const second = (await t.api('POST', '/auth/login', null, { email: x.email, password: x.password })).json()
    .token as string;
  return { x, ...m, toCat, second };
}

describe('A4 delete account', () => {
  it('A4 401 invalid_credentials for a wrong password, and nothing changes', async () => {
    const { x, a, c } = await busyMember();
    const before = await Promise.all([summary(t, x), summary(t, a), summary(t, c), bell(t, c)]);
    expectProblem(await deleteMe(x, 'not my password'), 401, 'invalid_credentials');
    expect(await Promise.all([summary(t, x), summary(t, a), summary(t, c), bell(t, c)])).toEqual(before);
    expect((await t.api('GET', '/me', x)).statusCode).toBe(200);
    expect((await profile(t, a, x)).json()).toMatchObject({ relationship: 'connected', connectionCount: 2 });
    await expectConsistent(t);
  });

  it('A4 400 validation_failed without a password; 401 without auth', async () => {
    const x = await t.signUp();
    expectProblem(await t.api('DELETE', '/me', x, {}), 400, 'validation_failed');
    expectProblem(await deleteMe(x, 12345678), 400, 'validation_failed');
    expectProblem(await deleteMe(null, x.password), 401, 'unauthorized');
    expect((await t.api('GET', '/me', x)).statusCode).toBe(200);
  });

  it('A4 204: the account and every session end; the email can sign up afresh', async () => {
    const { x, second } = await busyMember();
    const res = await deleteMe(x, x.password);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toContain('rapport_session=;');
    expectProblem(await t.api('GET', '/me', x), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/me', second), 401, 'unauthorized');
    expectProblem(
      await t.api('POST', '/auth/login', null, { email: x.email, password: x.password }),
      401,
      'invalid_credentials',
    );
    const again = await t.api('POST', '/auth/signup', null, {
      email: x.email,
      password: 'a new start',
      name: 'Xavier Returns',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().member.id).not.toBe(x.id);
  });

  it('A4 nobody is left holding a dangling row, count or notification', async () => {
    const { x, a, b, c, d, e, f, g } = await busyMember();
    expect(await summary(t, a)).toEqual({ connections: 2, invitationsReceived: 0, invitationsSent: 1 });
    expect(await summary(t, c)).toEqual({ connections: 0, invitationsReceived: 2, invitationsSent: 0 });
    expect(await summary(t, e)).toMatchObject({ invitationsSent: 1 });
    expect((await bell(t, b)).types).toEqual(['invitation_accepted']);

    expect((await deleteMe(x, x.password)).statusCode).toBe(204);

    expect(await summary(t, a)).toEqual({ connections: 1, invitationsReceived: 0, invitationsSent: 1 });
    expect(await summary(t, b)).toEqual({ connections: 1, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, c)).toEqual({ connections: 0, invitationsReceived: 1, invitationsSent: 0 });
    expect(await summary(t, d)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, e)).toEqual({ connections: 0, invitationsReceived: 0, invitationsSent: 0 });
    expect(await bell(t, b)).toEqual({ types: [], unreadCount: 0 });
    expect(await bell(t, c)).toEqual({ types: ['invitation_received'], unreadCount: 1 });
    expect((await t.api('GET', '/connections', a)).json()).toMatchObject({
      items: [{ member: { id: b.id } }],
      total: 1,
    });
    expect((await t.api('GET', '/blocks', g)).json()).toMatchObject({ items: [], total: 0 });
    expect((await t.api('GET', '/blocks', f)).json()).toMatchObject({ items: [], total: 0 });
    for (const viewer of [a, c, g]) expectProblem(await profile(t, viewer, x.id), 404, 'not_found');
    expect((await t.api('GET', '/members?query=xavier', a)).json()).toMatchObject({ items: [], total: 0 });
    const counts = await Promise.all(
      (['invitations', 'connections', 'blocks', 'notifications', 'sessions'] as const).map((table) =>
        t.deps.db
          .selectFrom(table)
          .selectAll()
          .execute()
          .then((rows) => JSON.stringify(rows).includes(x.id)),
      ),
    );
    expect(counts).toEqual([false, false, false, false, false]);
    await expectConsistent(t);
  });

  it('A4 open pages of the others drop what pointed at the member: invitation_removed, notification_removed', async () => {
    const { x, a, b, c, d, e, toCat } = await busyMember();
    const catNotification = (
      await t.deps.db
        .selectFrom('notifications')
        .select('id')
        .where('member_id', '=', c.id)
        .where('actor_id', '=', x.id)
        .executeTakeFirstOrThrow()
    ).id;
    const events = listen(t, a, b, c, d, e);
    expect((await deleteMe(x, x.password)).statusCode).toBe(204);
    expect(events.filter((ev) => ev.memberId === c.id)).toEqual(
      expect.arrayContaining([
        { type: 'invitation_removed', memberId: c.id, invitationId: toCat },
        { type: 'notification_removed', memberId: c.id, notificationId: catNotification },
      ]),
    );
    expect(events.filter((ev) => ev.memberId === b.id).map((ev) => ev.type)).toEqual([
      'notification_removed',
    ]);
    expect(events.filter((ev) => ev.memberId === d.id || ev.memberId === a.id)).toEqual([]);
    expect(events.some((ev) => ev.type === 'notification')).toBe(false);
  });

  it('A4 a member with nothing at all can leave too', async () => {
    const x = await t.signUp();
    const other = await t.signUp();
    expect((await deleteMe(x, x.password)).statusCode).toBe(204);
    expectProblem(await profile(t, other, x.id), 404, 'not_found');
    await expectConsistent(t);
  });
});
