/**
 * Bulk actions are set-based (issue 15): accepting or withdrawing 30 selected invitations runs
 * the same statements as accepting or withdrawing 3 — one per kind of write, not one use case
 * per row. Counted from the statements the storage layer runs for the one request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function world(n: number) {
  let counting = false;
  let statements = 0;
  t = await createTestApp({
    config: { invitesPerDay: 1000, invitesPerWeek: 1000 },
    onQuery: () => {
      if (counting) statements += 1;
    },
  });
  const app = t;
  const hub = await app.signUp('Hub');
  const others: TestMember[] = [];
  for (let i = 0; i < n; i++) others.push(await app.signUp(`Other ${i}`));
  const count = async (work: () => Promise<void>) => {
    statements = 0;
    counting = true;
    await work();
    counting = false;
    return statements;
  };
  return { app, hub, others, count };
}

async function acceptStatements(n: number): Promise<number> {
  const { app, hub, others, count } = await world(n);
  const ids: string[] = [];
  for (const o of others) {
    ids.push((await app.api('POST', '/invitations', o, { recipientId: hub.id })).json().invitation.id);
  }
  const statements = await count(async () => {
    const res = await app.api('POST', '/invitations/accept', hub, { ids });
    expect(res.json()).toEqual({ accepted: ids, skipped: [] });
  });
  expect((await app.api('GET', `/members/${hub.id}`, hub)).json().connectionCount).toBe(n);
  await app.close();
  t = null;
  return statements;
}

async function withdrawStatements(n: number): Promise<number> {
  const { app, hub, others, count } = await world(n);
  const ids: string[] = [];
  for (const o of others) {
    ids.push((await app.api('POST', '/invitations', hub, { recipientId: o.id })).json().invitation.id);
  }
  const statements = await count(async () => {
    const res = await app.api('POST', '/invitations/withdraw', hub, { ids });
    expect(res.json()).toEqual({ withdrawn: ids, skipped: [] });
  });
  await app.close();
  t = null;
  return statements;
}

describe('I4 I6 bulk actions cost the same statements for 3 rows as for 30', () => {
  it('I4 bulk accept of 30 runs the statements of a bulk accept of 3', async () => {
    const few = await acceptStatements(3);
    const many = await acceptStatements(30);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it('I6 bulk withdraw of 30 runs the statements of a bulk withdraw of 3', async () => {
    const few = await withdrawStatements(3);
    const many = await withdrawStatements(30);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });
});
