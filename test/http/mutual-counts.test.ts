/**
 * P1: the mutual count stored on each pending invitation equals the intersection counted from
 * scratch (the query profiles still run), through random sequences of every change to
 * `connections` — send (and the mutual-invitation accept), accept, bulk accept, remove, block,
 * suspend, lift, delete account — driven through the API, and so is the stored preview (the
 * first three shared connections) wherever one is stored; and the Received and Sent pages answer
 * what that query answers, previews included.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
import { mutualSummaries, NO_MUTUALS } from '../../src/queries/support/mutualConnections.js';
import * as mutualCountMigration from '../../src/storage/migrations/2026_12_03_0120_invitation_mutual_count.js';
import * as mutualPreviewMigration from '../../src/storage/migrations/2026_12_04_2130_invitation_mutual_preview.js';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';

const PEOPLE = 7;

type Op =
  | { kind: 'send' | 'remove' | 'block'; a: number; b: number }
  | { kind: 'accept' | 'acceptAll' | 'suspend' | 'lift' | 'delete'; a: number };

const pair = (kind: 'send' | 'remove' | 'block') =>
  fc
    .tuple(fc.nat(PEOPLE - 1), fc.nat(PEOPLE - 1))
    .filter(([a, b]) => a !== b)
    .map(([a, b]): Op => ({ kind, a, b }));
const one = (kind: 'accept' | 'acceptAll' | 'suspend' | 'lift' | 'delete') =>
  fc.nat(PEOPLE - 1).map((a): Op => ({ kind, a }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: pair('send'), weight: 6 },
  { arbitrary: one('accept'), weight: 3 },
  { arbitrary: one('acceptAll'), weight: 2 },
  { arbitrary: pair('remove'), weight: 2 },
  { arbitrary: pair('block'), weight: 1 },
  { arbitrary: one('suspend'), weight: 1 },
  { arbitrary: one('lift'), weight: 1 },
  { arbitrary: one('delete'), weight: 1 },
);

interface Network {
  t: TestApp;
  mo: TestMember;
  people: TestMember[];
  gone: Set<number>;
}

let open: TestApp | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function network(): Promise<Network> {
  const t = await createTestApp({ config: { invitesPerDay: 10_000, invitesPerWeek: 10_000 } });
  open = t;
  const mo = await t.signUp('Mo Moderator');
  await setModerator(t.deps, { email: mo.email, moderator: true });
  const people: TestMember[] = [];
  for (let n = 0; n < PEOPLE; n++) people.push(await t.signUp(`Person ${n}`));
  return { t, mo, people, gone: new Set() };
}

async function pendingTo(t: TestApp, recipientId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('invitations')
    .select('id')
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Applies one change; refusals (a suspended or deleted member, no such invitation) are fine. */
async function apply(net: Network, o: Op): Promise<void> {
  const { t, people } = net;
  if (net.gone.has(o.a) || ('b' in o && net.gone.has(o.b))) return;
  const a = people[o.a] as TestMember;
  const b = 'b' in o ? (people[o.b] as TestMember) : a;
  switch (o.kind) {
    case 'send':
      await t.api('POST', '/invitations', a, { recipientId: b.id });
      return;
    case 'remove':
      await t.api('DELETE', `/connections/${b.id}`, a);
      return;
    case 'block':
      await t.api('POST', '/blocks', a, { memberId: b.id });
      return;
    case 'accept': {
      const [first] = await pendingTo(t, a.id);
      if (first) await t.api('POST', `/invitations/${first}/accept`, a);
      return;
    }
    case 'acceptAll': {
      const ids = await pendingTo(t, a.id);
      if (ids.length > 0) await t.api('POST', '/invitations/accept', a, { ids });
      return;
    }
    case 'suspend':
      await t.api('POST', `/admin/members/${a.id}/suspend`, net.mo, { reason: 'test' });
      return;
    case 'lift': {
      const res = await t.api('POST', `/admin/members/${a.id}/unsuspend`, net.mo, { reason: 'test' });
      if (res.statusCode === 204) {
        const login = await t.api('POST', '/auth/login', null, { email: a.email, password: a.password });
        a.token = login.json().token as string;
      }
      return;
    }
    case 'delete':
      if ((await t.api('DELETE', '/me', a, { password: a.password })).statusCode === 204) net.gone.add(o.a);
      return;
  }
}

/**
 * Every pending invitation's stored count is the intersection the read-time query counts, and
 * its stored preview, where there is one, the first three of it in id order.
 */
async function expectStoredCountsExact(t: TestApp): Promise<void> {
  const pending = await t.deps.db
    .selectFrom('invitations')
    .select(['sender_id', 'recipient_id', 'mutual_count', 'mutual_preview'])
    .where('status', '=', 'pending')
    .execute();
  const stored = pending.map((i) => ({
    sender: i.sender_id,
    recipient: i.recipient_id,
    count: i.mutual_count,
    preview: i.mutual_count > 0 ? i.mutual_preview : null,
  }));
  const counted = [];
  for (const [k, i] of pending.entries()) {
    const summary =
      (await mutualSummaries(t.deps.db, i.sender_id, [i.recipient_id])).get(i.recipient_id) ?? NO_MUTUALS;
    const preview = stored[k]?.preview === null ? null : summary.preview.map((p) => p.id).join(',');
    counted.push({ sender: i.sender_id, recipient: i.recipient_id, count: summary.count, preview });
  }
  expect(stored).toEqual(counted);
}

/** The stored previews of pending invitations with mutual connections (null: none stored). */
async function storedPreviews(t: TestApp): Promise<(string | null)[]> {
  const rows = await t.deps.db
    .selectFrom('invitations')
    .select('mutual_preview')
    .where('status', '=', 'pending')
    .where('mutual_count', '>', 0)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.mutual_preview);
}

/** The pages show what the read-time query says, preview (three names, id order) included. */
async function expectPagesAsCounted(net: Network): Promise<void> {
  for (const [n, me] of net.people.entries()) {
    if (net.gone.has(n)) continue;
    for (const [tab, other] of [
      ['received', 'sender'],
      ['sent', 'recipient'],
    ] as const) {
      const res = await net.t.api('GET', `/invitations/${tab}?limit=50`, me);
      if (res.statusCode !== 200) continue; // suspended
      const items = res.json().items as {
        [k: string]: unknown;
        mutualConnections: number;
        mutualPreview: { id: string }[];
      }[];
      const ids = items.map((i) => (i[other] as { id: string }).id);
      const counted = await mutualSummaries(net.t.deps.db, me.id, ids);
      expect(
        items.map((i) => ({ count: i.mutualConnections, preview: i.mutualPreview.map((p) => p.id) })),
      ).toEqual(
        ids.map((id) => {
          const s = counted.get(id) ?? NO_MUTUALS;
          return { count: s.count, preview: s.preview.map((p) => p.id) };
        }),
      );
    }
  }
}

describe('P1 stored mutual counts', () => {
  it('P1 every pending invitation’s count stays exact through random connects, removals, suspensions, lifts and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        await open?.close();
        const net = await network();
        for (const o of ops) {
          await apply(net, o);
          await expectStoredCountsExact(net.t);
        }
        await expectPagesAsCounted(net);
      }),
      { numRuns: 12 },
    );
  });

  it('P1 suspending a member with many connections lowers by one every invitation between two of them, and lifting restores it', async () => {
    const net = await network();
    const { t, people } = net;
    const [hub, p1, p2, p3, p4, p5] = people as [TestMember, ...TestMember[]];
    const connect = async (x: TestMember, y: TestMember) => {
      const id = (await t.api('POST', '/invitations', x, { recipientId: y.id })).json().invitation
        .id as string;
      expect((await t.api('POST', `/invitations/${id}/accept`, y)).statusCode).toBe(200);
    };
    for (const p of [p1, p2, p3, p4]) await connect(hub, p!);
    await connect(p1!, p5!);
    await connect(p2!, p5!);
    // Between two of the hub's connections (p1–p2 share the hub and p5), one from outside.
    for (const [x, y] of [
      [p1, p2],
      [p3, p4],
      [p1, p3],
      [p5, p4],
    ] as const) {
      expect((await t.api('POST', '/invitations', x!, { recipientId: y!.id })).statusCode).toBe(201);
    }
    const counts = async () =>
      (
        await t.deps.db
          .selectFrom('invitations')
          .select('mutual_count')
          .where('status', '=', 'pending')
          .orderBy('id')
          .execute()
      ).map((r) => r.mutual_count);
    expect(await counts()).toEqual([2, 1, 1, 0]);
    // Sends and accepts store the names to show: p1–p2 share the hub and p5 (sign-up order).
    expect(await storedPreviews(t)).toEqual([`${hub.id},${p5!.id}`, hub.id, hub.id]);
    await apply(net, { kind: 'suspend', a: 0 });
    expect(await counts()).toEqual([1, 0, 0, 0]);
    await expectStoredCountsExact(t);
    await apply(net, { kind: 'lift', a: 0 });
    expect(await counts()).toEqual([2, 1, 1, 0]);
    expect(await storedPreviews(t)).toEqual([`${hub.id},${p5!.id}`, hub.id, hub.id]);
    // A bulk accept by p4 (from p3 and p5) connects p4 with both at once: p1–p3 gains nothing
    // (p1 is not p4's), p3→p4 and p5→p4 are accepted and leave the pending ones.
    await apply(net, { kind: 'acceptAll', a: 4 });
    expect(await counts()).toEqual([2, 1]);
    await expectStoredCountsExact(t);
    await expectPagesAsCounted(net);
  });

  it('P1 the migration counts the pending invitations a database already has', async () => {
    const net = await network();
    for (const o of [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [4, 2],
      [4, 1],
    ] as const) {
      await apply(net, { kind: 'send', a: o[0], b: o[1] });
      await apply(net, { kind: 'acceptAll', a: o[1] });
    }
    for (const [a, b] of [
      [1, 3],
      [2, 3],
      [4, 0],
      [5, 6],
    ] as const) {
      await apply(net, { kind: 'send', a, b });
    }
    // The columns as the migrations find them: not there, then added and counted.
    await mutualPreviewMigration.down(net.t.deps.db);
    await mutualCountMigration.down(net.t.deps.db);
    await mutualCountMigration.up(net.t.deps.db);
    await mutualPreviewMigration.up(net.t.deps.db);
    const counts = await net.t.deps.db
      .selectFrom('invitations')
      .select('mutual_count')
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    expect(counts.map((r) => r.mutual_count)).toEqual([1, 1, 2, 0]);
    // 1→3 and 2→3 share 0; 4→0 shares 1 and 2.
    expect(await storedPreviews(net.t)).toEqual([
      net.people[0]!.id,
      net.people[0]!.id,
      `${net.people[1]!.id},${net.people[2]!.id}`,
    ]);
    await expectStoredCountsExact(net.t);
    await expectPagesAsCounted(net);
  });
});
