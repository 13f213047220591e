import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';
import { connect, invite } from './relations.fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('A5 PATCH /me edits the name and headline', () => {
  it('A5 200 {member, email}; the new name shows on the profile, in search and on the other side’s lists', async () => {
    const ada = await t.signUp('Ada Lovelace');
    const bob = await t.signUp('Bob Babbage');
    await invite(t, ada, bob, 'Hello');
    const res = await t.api('PATCH', '/me', ada, { name: '  Ada King  ', headline: 'Countess of Lovelace' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      member: { id: ada.id, name: 'Ada King', headline: 'Countess of Lovelace' },
      email: ada.email,
    });
    expect((await t.api('GET', '/me', ada)).json().member.name).toBe('Ada King');
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json().member).toEqual({
      id: ada.id,
      name: 'Ada King',
      headline: 'Countess of Lovelace',
    });
    expect((await t.api('GET', '/invitations/received', bob)).json().items[0].sender.name).toBe('Ada King');
    // Search reads the lower-cased copy of the name, which moved with it.
    const found = (await t.api('GET', '/members?query=king', bob)).json().items as { id: string }[];
    expect(found.map((m) => m.id)).toEqual([ada.id]);
    expect((await t.api('GET', '/members?query=lovelace', bob)).json().items).toEqual([]);
  });

  it('A5 a field left out stays as it was; an empty body changes nothing', async () => {
    const ada = await t.signUp('Ada Lovelace', { headline: 'Analyst' });
    expect((await t.api('PATCH', '/me', ada, { headline: '' })).json().member).toMatchObject({
      name: 'Ada Lovelace',
      headline: '',
    });
    expect((await t.api('PATCH', '/me', ada, { name: 'Ada' })).json().member).toMatchObject({
      name: 'Ada',
      headline: '',
    });
    expect((await t.api('PATCH', '/me', ada, {})).json().member).toMatchObject({ name: 'Ada', headline: '' });
  });

  it('A5 400 validation_failed by the rules of signup, and nothing changes', async () => {
    const ada = await t.signUp('Ada Lovelace', { headline: 'Analyst' });
    for (const body of [
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'Ada\u0007' },
      { headline: 'h'.repeat(201) },
      { headline: 'line\nbreak' },
      { name: 42 },
      { email: 'other@example.test' },
    ]) {
      const problem = expectProblem(await t.api('PATCH', '/me', ada, body), 400, 'validation_failed');
      expect(problem.errors, JSON.stringify(body)).toBeDefined();
    }
    expect((await t.api('GET', '/me', ada)).json().member).toMatchObject({
      name: 'Ada Lovelace',
      headline: 'Analyst',
    });
  });

  it('A5 401 without a session', async () => {
    expectProblem(await t.api('PATCH', '/me', null, { name: 'Nobody' }), 401, 'unauthorized');
  });
});

describe('A5 POST /auth/logout-everywhere', () => {
  it('A5 204: every session of the member stops working, the one that asked too; others keep theirs', async () => {
    const ada = await t.signUp('Ada Lovelace');
    const bob = await t.signUp('Bob Babbage');
    await connect(t, ada, bob);
    const login = await t.api('POST', '/auth/login', null, { email: ada.email, password: ada.password });
    const second = login.json().token as string;
    const res = await t.api('POST', '/auth/logout-everywhere', ada);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toContain('rapport_session=;');
    expectProblem(await t.api('GET', '/me', ada), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/me', second), 401, 'unauthorized');
    expect((await t.api('GET', '/me', bob)).statusCode).toBe(200);
    // Signing in again works, and the account is untouched.
    const again = await t.api('POST', '/auth/login', null, { email: ada.email, password: ada.password });
    expect(again.statusCode).toBe(200);
    expect((await t.api('GET', '/network/summary', again.json().token as string)).json().connections).toBe(1);
  });

  it('A5 401 without a session', async () => {
    expectProblem(await t.api('POST', '/auth/logout-everywhere', null), 401, 'unauthorized');
  });
});
