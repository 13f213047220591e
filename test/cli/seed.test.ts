import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { mutualSummaries, NO_MUTUALS } from '../../src/queries/support/mutualConnections.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { verifyPassword } from '../../src/security/passwords.js';
import { SEED_PASSWORD } from '../../src/synthetic/plan.js';
import { expectInvariants } from '../helpers/invariants.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

const NOW = '2026-11-01T12:00:00.000Z';
const TTL_DAYS = 180;

describe('rapport seed (O3)', () => {
  const opened: CliDatabase[] = [];
  const database = async () => {
    const db = await createCliDatabase();
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  const seed = (db: CliDatabase, members: number, invitations: number, seedValue = 7) =>
    db.run([
      'seed',
      '--members',
      String(members),
      '--invitations',
      String(invitations),
      '--seed',
      String(seedValue),
      '--now',
      NOW,
    ]);

  it('O3 writes the requested members and invitations, keeps every invariant, and reports the rate', async () => {
    const db = await database();
    const run = await seed(db, 80, 600);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Seeded 80 members and 600 invitations/);
    expect(run.stdout).toMatch(/[\d,]+ invitations\/s\./);
    expect(run.stdout).toContain('member1@seed.rapport.test');

    const { db: kysely } = db.storage;
    const count = async (table: 'members' | 'invitations') =>
      Number(
        (
          await kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('members')).toBe(80);
    expect(await count('invitations')).toBe(600);
    // One pending per pair, no pending between connected members, symmetric connections,
    // counters equal a recount, notifications only about what they may be about.
    await expectInvariants(kysely, 'after seeding');

    const statuses = await kysely
      .selectFrom('invitations')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['accepted', 'expired', 'pending', 'withdrawn']);
    const ignored = await kysely
      .selectFrom('invitations')
      .select('id')
      .where('status', '=', 'pending')
      .where('ignored_at', 'is not', null)
      .execute();
    expect(ignored.length).toBeGreaterThan(0);
    const withNote = await kysely
      .selectFrom('invitations')
      .select('id')
      .where('message', 'is not', null)
      .execute();
    expect(withNote.length).toBeGreaterThan(0);
    expect(withNote.length).toBeLessThan(600);
  });

  it('P1 the seed stores each pending invitation’s mutual count and first three shared connections as a send would', async () => {
    const db = await database();
    expect((await seed(db, 80, 600)).code).toBe(0);
    const { db: kysely } = db.storage;
    const pending = await kysely
      .selectFrom('invitations')
      .select(['sender_id', 'recipient_id', 'mutual_count', 'mutual_preview'])
      .where('status', '=', 'pending')
      .execute();
    expect(pending.filter((p) => p.mutual_count > 0).length).toBeGreaterThan(0);
    const stored = pending.map((p) => ({
      count: p.mutual_count,
      preview: p.mutual_count > 0 ? p.mutual_preview : null,
    }));
    const counted = [];
    for (const p of pending) {
      const s =
        (await mutualSummaries(kysely, p.sender_id, [p.recipient_id])).get(p.recipient_id) ?? NO_MUTUALS;
      counted.push({ count: s.count, preview: s.count > 0 ? s.preview.map((m) => m.id).join(',') : null });
    }
    expect(stored).toEqual(counted);
  });

  it('O3 the seed sets indexes and foreign keys aside while it loads and leaves exactly the schema the migrations made', async () => {
    const db = await database();
    const { storage } = db;
    await migrateToLatest(storage.db);
    // Every index (partial ones with their conditions) and, on PostgreSQL, every constraint with
    // its definition and whether it was validated.
    const schema = async (): Promise<string[]> => {
      const { rows } =
        storage.dialect === 'sqlite'
          ? await sql<{
              d: string;
            }>`select type || ' ' || name || ' on ' || tbl_name || ': ' || coalesce(sql, '(automatic)') as d
              from sqlite_master where type in ('index', 'table') and name not like 'sqlite_stat%' order by type, name`.execute(
              storage.db,
            )
          : await sql<{ d: string }>`select d from (
                select 'index ' || indexname || ': ' || indexdef as d from pg_indexes where schemaname = current_schema()
                union all
                select 'constraint ' || c.conname || ' on ' || t.relname || ': ' || pg_get_constraintdef(c.oid) || case when c.convalidated then '' else ' NOT VALIDATED' end
                  from pg_constraint c join pg_class t on t.oid = c.conrelid
                 where t.relnamespace = current_schema()::regnamespace
              ) s order by d`.execute(storage.db);
      return rows.map((r) => r.d);
    };
    const migrated = await schema();
    expect(migrated.filter((d) => d.startsWith('index')).length).toBeGreaterThan(20);
    expect((await seed(db, 80, 600)).code).toBe(0);
    expect(await schema()).toEqual(migrated);
  });

  it('I9 pending invitations are spread over months but all inside the TTL; nothing lies in the future', async () => {
    const db = await database();
    expect((await seed(db, 80, 600)).code).toBe(0);
    const now = Date.parse(NOW);
    const pending = await db.storage.db
      .selectFrom('invitations')
      .select(['sent_at'])
      .where('status', '=', 'pending')
      .execute();
    const ages = pending.map((p) => (now - Number(p.sent_at)) / DAY);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThan(TTL_DAYS);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(90);
    const latest = await db.storage.db
      .selectFrom('invitations')
      .select((eb) => [eb.fn.max('sent_at').as('sent'), eb.fn.max('ended_at').as('ended')])
      .executeTakeFirstOrThrow();
    expect(Number(latest.sent)).toBeLessThanOrEqual(now);
    expect(Number(latest.ended)).toBeLessThanOrEqual(now);
    const connected = await db.storage.db
      .selectFrom('connections')
      .select((eb) => eb.fn.max('connected_at').as('at'))
      .executeTakeFirstOrThrow();
    expect(Number(connected.at)).toBeLessThanOrEqual(now);
    const notified = await db.storage.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .executeTakeFirstOrThrow();
    expect(Number(notified.at ?? 0)).toBeLessThanOrEqual(now);
  });

  it('I4 the first member is a heavy sender, and every member signs in with the documented password', async () => {
    const db = await database();
    const run = await seed(db, 80, 600);
    expect(run.stdout).toMatch(/member1 has 39 pending sent invitations/);
    const member1 = await db.storage.db
      .selectFrom('members')
      .selectAll()
      .where('email_normalized', '=', 'member1@seed.rapport.test')
      .executeTakeFirstOrThrow();
    expect(member1.pending_sent_count).toBe(39);
    expect(await verifyPassword(SEED_PASSWORD, member1.password_hash)).toBe(true);
    const hashes = await db.storage.db.selectFrom('members').select('password_hash').distinct().execute();
    expect(hashes).toHaveLength(1);
    const names = await db.storage.db.selectFrom('members').select(['name', 'headline']).execute();
    for (const m of names) {
      expect(m.name).toMatch(/^\S.* \S/);
      expect(m.headline.length).toBeGreaterThan(5);
    }
  });

  it('O3 the same --seed and --now give the same rows; another seed gives others', async () => {
    const [a, b, c] = [await database(), await database(), await database()];
    expect((await seed(a, 50, 300, 42)).code).toBe(0);
    expect((await seed(b, 50, 300, 42)).code).toBe(0);
    expect((await seed(c, 50, 300, 43)).code).toBe(0);
    // The password hash is salted per run; every other column must match exactly.
    const rows = async ({ storage: { db } }: CliDatabase) =>
      [
        await db.selectFrom('members').selectAll().orderBy('id').execute(),
        await db.selectFrom('invitations').selectAll().orderBy('id').execute(),
        await db.selectFrom('notifications').selectAll().orderBy('id').execute(),
        await db.selectFrom('connections').selectAll().orderBy('member_id').orderBy('other_id').execute(),
      ].map((table) => table.map((row) => JSON.stringify({ ...row, password_hash: undefined })));
    const first = await rows(a);
    expect(first.flat().length).toBeGreaterThan(350);
    expect(await rows(b)).toEqual(first);
    expect(await rows(c)).not.toEqual(first);
  });

  it('O3 refuses to seed the same database twice, and bad numbers, without writing anything', async () => {
    const db = await database();
    expect((await seed(db, 30, 60)).code).toBe(0);
    const again = await seed(db, 30, 60);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/seeded already/);

    const fresh = await database();
    const bad = await fresh.run(['seed', '--members', 'many', '--invitations', '10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--members must be a whole number/);
    const tooMany = await fresh.run(['seed', '--members', '3', '--invitations', '100']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/need more members/);
  });
});
