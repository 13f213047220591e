import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestMember } from './app.js';
import { findViolations, INVARIANTS } from './invariants.js';

let t: TestApp;
let a: TestMember;
let b: TestMember;
let c: TestMember;
let pendingId: string;

beforeEach(async () => {
  t = await createTestApp();
  [a, b, c] = [await t.signUp('Ada'), await t.signUp('Ben'), await t.signUp('Cy')];
  // a → b accepted (a connection), a → c pending, b → c ignored.
  const ab = await t.api('POST', '/invitations', a, { recipientId: b.id });
  await t.api('POST', `/invitations/${ab.json().invitation.id}/accept`, b);
  pendingId = (await t.api('POST', '/invitations', a, { recipientId: c.id })).json().invitation.id;
  const bc = await t.api('POST', '/invitations', b, { recipientId: c.id });
  await t.api('POST', `/invitations/${bc.json().invitation.id}/ignore`, c);
});
afterEach(() => t.close());

async function broken(): Promise<string[]> {
  return (await findViolations(t.deps.db)).map((v) => v.invariant);
}

describe('O2 the race suite’s invariants hold on a real network and catch each kind of damage', () => {
  it('O2 hold after sends, an accept and an ignore', async () => {
    expect(await broken()).toEqual([]);
    expect(INVARIANTS.length).toBeGreaterThanOrEqual(10);
  });

  it('O2 a counter off by one is found', async () => {
    await t.deps.db
      .updateTable('members')
      .set((eb) => ({ pending_sent_count: eb('pending_sent_count', '+', 1) }))
      .where('id', '=', a.id)
      .execute();
    expect(await broken()).toEqual(['members’ counters equal a recount']);
  });

  it('O2 a one-sided connection is found', async () => {
    await t.deps.db.deleteFrom('connections').where('member_id', '=', a.id).execute();
    expect(await broken()).toContain('connections are symmetric (both directed rows)');
  });

  it('O2 a notification left on a withdrawn invitation is found', async () => {
    await t.deps.db
      .updateTable('invitations')
      .set({ status: 'withdrawn', ended_at: 1 })
      .where('id', '=', pendingId)
      .execute();
    expect(await broken()).toEqual(
      expect.arrayContaining([
        'no notification points at a withdrawn invitation',
        '"sent you an invitation" is only about a pending invitation the recipient has not ignored',
      ]),
    );
  });

  it('O2 a second pending invitation for one pair is found (with the unique index out of the way)', async () => {
    const db = t.deps.db;
    await db.schema.dropIndex('invitations_one_pending_per_pair').execute();
    try {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', pendingId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('invitations')
        .values({ ...row, id: `${row.id}-twin`, sender_id: c.id, recipient_id: a.id })
        .execute();
      expect(await broken()).toContain('one pending invitation per pair');
      await db.deleteFrom('invitations').where('id', '=', `${row.id}-twin`).execute();
    } finally {
      // The schema may be reused by the next test: put the index back as the migration made it.
      await db.schema
        .createIndex('invitations_one_pending_per_pair')
        .on('invitations')
        .column('pair_key')
        .unique()
        .where(sql.ref('status'), '=', 'pending')
        .execute();
    }
  });

  it('O2 a connection, a pending invitation or a notification between a blocked pair is found', async () => {
    await t.deps.db
      .insertInto('blocks')
      .values({ blocker_id: c.id, blocked_id: a.id, created_at: 1 })
      .execute();
    await t.deps.db
      .insertInto('blocks')
      .values({ blocker_id: b.id, blocked_id: a.id, created_at: 1 })
      .execute();
    expect(await broken()).toEqual(
      expect.arrayContaining([
        'no connection between a blocked pair',
        'no pending invitation between a blocked pair',
        'no notification between a blocked pair',
      ]),
    );
  });

  it('O2 a pending invitation between connected members is found', async () => {
    await t.deps.db
      .insertInto('connections')
      .values([
        { member_id: a.id, other_id: c.id, connected_at: 1 },
        { member_id: c.id, other_id: a.id, connected_at: 1 },
      ])
      .execute();
    expect(await broken()).toEqual(
      expect.arrayContaining([
        'no pending invitation between connected members',
        'members’ counters equal a recount',
      ]),
    );
  });
});
