import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { verifyPassword } from '../../src/security/passwords.js';
import { expectInvariants } from '../helpers/invariants.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

const iso = (ms: number) => new Date(ms).toISOString();
const email = (name: string) => `${name}@example.test`;

function fixture(now: number) {
  return {
    members: ['ada', 'bob', 'cy', 'dee', 'eve'].map((n) => ({
      email: email(n),
      password: `${n} password`,
      name: n.toUpperCase(),
      ...(n === 'ada' ? { headline: 'Analyst', whoCanInvite: 'email_required' } : {}),
    })),
    connections: [
      { a: email('bob'), b: email('dee'), connectedAt: iso(now - 30 * DAY) },
      { a: email('cy'), b: email('dee') },
    ],
    invitations: [
      { from: email('ada'), to: email('bob'), message: '  Hello, Bob  ', sentAt: iso(now - 3 * DAY) },
      {
        from: email('cy'),
        to: email('ada'),
        sentAt: iso(now - 10 * DAY),
        status: 'accepted',
        endedAt: iso(now - 9 * DAY),
      },
      {
        from: email('ada'),
        to: email('dee'),
        sentAt: now - 5 * DAY,
        status: 'withdrawn',
        endedAt: now - 4 * DAY,
      },
      { from: email('eve'), to: email('ada'), sentAt: iso(now - 2 * DAY), status: 'ignored' },
      // Older than the 180-day time to live: it is recorded as expired.
      { from: email('bob'), to: email('cy'), sentAt: iso(now - 200 * DAY) },
    ],
    blocks: [{ blocker: email('eve'), blocked: email('dee') }],
  };
}

async function members() {
  const rows = await cli.storage.db.selectFrom('members').selectAll().orderBy('email').execute();
  return new Map(rows.map((r) => [r.email.split('@')[0] as string, r]));
}

async function invitationByPair(from: string, to: string) {
  const m = await members();
  return cli.storage.db
    .selectFrom('invitations')
    .selectAll()
    .where('sender_id', '=', m.get(from)?.id as string)
    .where('recipient_id', '=', m.get(to)?.id as string)
    .executeTakeFirstOrThrow();
}

describe('O3 rapport import', () => {
  it('O3 loads members, connections, invitations and blocks with their timestamps, and keeps the counters right', async () => {
    const now = Date.now();
    const path = cli.file('network.json', fixture(now));
    const result = await cli.run(['import', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Imported 5 members, 3 connections, 5 invitations and 1 block from ${path}.\n`,
    );

    const m = await members();
    const counters = (name: string) => {
      const row = m.get(name);
      return [row?.connection_count, row?.pending_sent_count, row?.pending_received_count];
    };
    expect(counters('ada')).toEqual([1, 1, 0]); // connected to cy; pending to bob; eve's was ignored
    expect(counters('bob')).toEqual([1, 0, 1]); // connected to dee; his old one expired; ada's pending
    expect(counters('cy')).toEqual([2, 0, 0]);
    expect(counters('dee')).toEqual([2, 0, 0]);
    expect(counters('eve')).toEqual([0, 1, 0]); // ignored still counts as sent and pending for eve
    const ada = m.get('ada');
    expect(ada).toMatchObject({ name: 'ADA', headline: 'Analyst', who_can_invite: 'email_required' });
    expect(m.get('bob')).toMatchObject({ headline: '', who_can_invite: 'everyone' });
    expect(await verifyPassword('ada password', ada?.password_hash as string)).toBe(true);
    expect(await verifyPassword('bob password', m.get('bob')?.password_hash as string)).toBe(true);

    const pending = await invitationByPair('ada', 'bob');
    expect(pending).toMatchObject({
      status: 'pending',
      message: 'Hello, Bob',
      sent_at: now - 3 * DAY,
      ended_at: null,
      ignored_at: null,
    });
    expect(await invitationByPair('cy', 'ada')).toMatchObject({
      status: 'accepted',
      ended_at: now - 9 * DAY,
    });
    expect(await invitationByPair('ada', 'dee')).toMatchObject({
      status: 'withdrawn',
      ended_at: now - 4 * DAY,
    });
    expect(await invitationByPair('eve', 'ada')).toMatchObject({
      status: 'pending',
      ignored_at: now - 2 * DAY,
      ended_at: null,
    });
    expect(await invitationByPair('bob', 'cy')).toMatchObject({
      status: 'expired',
      ended_at: now - 200 * DAY + 180 * DAY,
    });

    // Only the pending, not ignored invitation notifies its recipient: unread, at its sentAt.
    const notifications = await cli.storage.db.selectFrom('notifications').selectAll().execute();
    expect(notifications).toEqual([
      expect.objectContaining({
        member_id: m.get('bob')?.id,
        type: 'invitation_received',
        actor_id: ada?.id,
        invitation_id: pending.id,
        created_at: now - 3 * DAY,
        read_at: null,
      }),
    ]);

    const connections = await cli.storage.db.selectFrom('connections').selectAll().execute();
    expect(connections).toHaveLength(6);
    const at = (a: string, b: string) =>
      connections.find((c) => c.member_id === m.get(a)?.id && c.other_id === m.get(b)?.id)?.connected_at;
    expect(at('ada', 'cy')).toBe(now - 9 * DAY); // the accepted invitation's endedAt
    expect(at('cy', 'ada')).toBe(now - 9 * DAY);
    expect(at('dee', 'bob')).toBe(now - 30 * DAY);
    expect(at('cy', 'dee')).toBeGreaterThanOrEqual(now); // connectedAt defaults to now

    const blocks = await cli.storage.db.selectFrom('blocks').selectAll().execute();
    expect(blocks).toEqual([
      expect.objectContaining({ blocker_id: m.get('eve')?.id, blocked_id: m.get('dee')?.id }),
    ]);
    await expectInvariants(cli.storage.db, 'after the import');
  });

  it('O3 a later file may name members already in the database; their counters move', async () => {
    const now = Date.now();
    expect((await cli.run(['import', cli.file('first.json', fixture(now))])).code).toBe(0);
    const second = {
      members: [{ email: email('fay'), password: 'fay password', name: 'Fay' }],
      connections: [{ a: 'ADA@example.test ', b: email('dee') }],
      invitations: [{ from: email('fay'), to: email('ada'), message: 'Hi Ada' }],
    };
    const result = await cli.run(['import', cli.file('second.json', second)]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Imported 1 member, 1 connection, 1 invitation and 0 blocks');
    const m = await members();
    expect(m.get('ada')).toMatchObject({
      connection_count: 2,
      pending_sent_count: 1,
      pending_received_count: 1,
    });
    expect(m.get('dee')).toMatchObject({ connection_count: 3 });
    expect(m.get('fay')).toMatchObject({
      connection_count: 0,
      pending_sent_count: 1,
      pending_received_count: 0,
    });
    await expectInvariants(cli.storage.db, 'after two imports');
  });

  it('O3 a pending invitation in the database that outlived its TTL is recorded as expired, freeing the pair', async () => {
    const now = Date.now();
    const first = {
      members: ['a', 'b'].map((n) => ({ email: email(n), password: 'long enough', name: n })),
      invitations: [{ from: email('a'), to: email('b'), sentAt: iso(now - 100 * DAY), message: 'old' }],
    };
    expect((await cli.run(['import', cli.file('first.json', first)])).code).toBe(0);
    // With a 90-day TTL the old invitation is past its time; a new one between the pair is fine.
    const second = { invitations: [{ from: email('b'), to: email('a'), sentAt: iso(now - DAY) }] };
    const result = await cli.run(['import', cli.file('second.json', second)], {
      RAPPORT_INVITATION_TTL_DAYS: '90',
    });
    expect(result.stderr).toBe('');
    const rows = await cli.storage.db.selectFrom('invitations').selectAll().orderBy('sent_at').execute();
    expect(rows.map((r) => [r.message, r.status])).toEqual([
      ['old', 'expired'],
      [null, 'pending'],
    ]);
    const m = await members();
    expect(m.get('a')).toMatchObject({ pending_sent_count: 0, pending_received_count: 1 });
    expect(m.get('b')).toMatchObject({ pending_sent_count: 1, pending_received_count: 0 });
    const notifications = await cli.storage.db.selectFrom('notifications').select(['member_id']).execute();
    expect(notifications).toEqual([{ member_id: m.get('a')?.id }]);
    await expectInvariants(cli.storage.db, 'after the expiry');
  });

  it('O4 O3 refuses connections over RAPPORT_MAX_CONNECTIONS, naming the record', async () => {
    const doc = {
      members: ['a', 'b', 'c'].map((n) => ({ email: email(n), password: 'long enough', name: n })),
      connections: [
        { a: email('a'), b: email('b') },
        { a: email('c'), b: email('a') },
      ],
    };
    const result = await cli.run(['import', cli.file('cap.json', doc)], { RAPPORT_MAX_CONNECTIONS: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('connections[1]: "a@example.test" would have more than 1 connections');
  });

  it('O3 refuses a file with one bad record, names it, and writes nothing at all', async () => {
    const doc = fixture(Date.now());
    doc.invitations.push({ from: 'ghost@example.test', to: email('ada'), sentAt: iso(Date.now() - DAY) });
    doc.invitations.splice(3, 0, doc.invitations.pop() as (typeof doc.invitations)[number]);
    const result = await cli.run(['import', cli.file('bad.json', doc)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'rapport import: refused; nothing was written.\n  invitations[3]: from "ghost@example.test" is not a member\n',
    );
    for (const table of ['members', 'invitations', 'connections', 'blocks', 'notifications'] as const) {
      const row = await cli.storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(0);
    }
  });

  it('O3 refuses two pending invitations between one pair, naming the second', async () => {
    const doc = {
      members: [
        { email: email('a'), password: 'password a', name: 'A' },
        { email: email('b'), password: 'password b', name: 'B' },
      ],
      invitations: [
        { from: email('a'), to: email('b') },
        { from: email('b'), to: email('a'), status: 'ignored' },
      ],
    };
    const result = await cli.run(['import', cli.file('pair.json', doc)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'invitations[1]: "b@example.test" and "a@example.test" already have a pending invitation (invitations[0])',
    );
  });

  it('O3 refuses an email already in the database, and keeps the rest of that file out', async () => {
    expect((await cli.run(['import', cli.file('first.json', fixture(Date.now()))])).code).toBe(0);
    const doc = {
      members: [
        { email: email('new'), password: 'password new', name: 'New' },
        { email: 'Ada@Example.test', password: 'password ada', name: 'Ada again' },
      ],
    };
    const result = await cli.run(['import', cli.file('again.json', doc)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('members[1]: email "Ada@Example.test" is already registered');
    expect((await members()).has('new')).toBe(false);
  });

  it('O3 names every malformed record: bad email, short password, long or control-character note, unknown field', async () => {
    const doc = {
      members: [
        { email: email('ok'), password: 'long enough', name: 'Ok' },
        { email: 'not-an-email', password: 'long enough', name: 'Bad' },
        { email: email('short'), password: 'short', name: 'Short' },
      ],
      invitations: [{ from: email('ok'), to: email('ok'), colour: 'blue' }],
    };
    const shape = await cli.run(['import', cli.file('shape.json', doc)]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain('members[1].email: must match format "email"');
    expect(shape.stderr).toContain('members[2].password: must NOT have fewer than 8 characters');
    expect(shape.stderr).toContain('invitations[0]: unknown field "colour"');

    const notes = {
      members: [
        { email: email('a'), password: 'long enough', name: 'A' },
        { email: email('b'), password: 'long enough', name: 'B' },
      ],
      invitations: [
        { from: email('a'), to: email('b'), message: 'x'.repeat(301) },
        { from: email('b'), to: email('a'), message: 'bell\u0007', status: 'withdrawn' },
        { from: email('a'), to: email('a') },
        { from: email('a'), to: email('b'), sentAt: iso(Date.now() + DAY), status: 'withdrawn' },
      ],
    };
    const rules = await cli.run(['import', cli.file('notes.json', notes)]);
    expect(rules.code).toBe(1);
    expect(rules.stderr).toContain('invitations[0]: message must be at most 300 characters (got 301)');
    expect(rules.stderr).toContain(
      'invitations[1]: message must not contain control characters other than line breaks and tabs',
    );
    expect(rules.stderr).toContain('invitations[2]: from and to are the same member "a@example.test"');
    expect(rules.stderr).toMatch(/invitations\[3\]: sentAt \S+ is in the future/);
  });

  it('O3 refuses connections and pending invitations that break what the app keeps true', async () => {
    const base = {
      members: ['a', 'b'].map((n) => ({ email: email(n), password: 'long enough', name: n })),
    };
    const twice = await cli.run([
      'import',
      cli.file('twice.json', {
        ...base,
        connections: [{ a: email('a'), b: email('b') }],
        invitations: [{ from: email('b'), to: email('a'), status: 'accepted' }],
      }),
    ]);
    expect(twice.stderr).toContain(
      'invitations[0]: "b@example.test" and "a@example.test" are already connected (connections[0])',
    );
    const blocked = await cli.run([
      'import',
      cli.file('blocked.json', {
        ...base,
        invitations: [{ from: email('a'), to: email('b') }],
        blocks: [{ blocker: email('b'), blocked: email('a') }],
      }),
    ]);
    expect(blocked.stderr).toContain(
      'blocks[0]: "b@example.test" and "a@example.test" have a pending invitation (invitations[0])',
    );
    expect((await members()).size).toBe(0);
  });

  it('O3 explains a missing file and a file that is not JSON', async () => {
    const missing = await cli.run(['import', `${cli.dir}/nope.json`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^rapport: cannot read .*nope\.json: ENOENT/);
    const garbage = await cli.run(['import', cli.file('garbage.json', '{"members": [')]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/^rapport: .*garbage\.json is not valid JSON/);
  });
});
