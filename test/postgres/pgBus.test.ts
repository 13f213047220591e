import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { sessionsEnded, type LiveEvent } from '../../src/events/bus.js';
import { pack, startPgBus, type PgBus } from '../../src/events/pgBus.js';
import { openStorage, type Storage } from '../../src/storage/database.js';

/** Two buses on one database stand for two app processes. */
let storage: Storage;
let channel: string;
const open: PgBus[] = [];
const errors: Error[] = [];

beforeEach(() => {
  storage = openStorage(inject('pgTestDatabaseUrl'), { poolSize: 4 });
  channel = `live_test_${randomBytes(6).toString('hex')}`;
  errors.length = 0;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
  await storage.close();
});

async function bus(name: string): Promise<PgBus> {
  const b = await startPgBus({
    connectionString: inject('pgTestDatabaseUrl'),
    db: storage.db,
    channel,
    applicationName: `${channel}_${name}`,
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    onError: (e) => errors.push(e),
  });
  open.push(b);
  return b;
}

const event = (memberId: string, n: number): LiveEvent => ({
  type: 'notification',
  memberId,
  notificationId: `n-${n}`,
});

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Proves that nothing more is on its way without sleeping: publishes a marker event to
 * `MARKER` on every given bus and waits until each has delivered it. NOTIFY reaches a
 * listening connection in commit order, so whatever was published before the marker has
 * arrived by then (or never will).
 */
const MARKER = 'marker-member';
async function marker(publisher: PgBus, ...on: PgBus[]): Promise<void> {
  const got = on.map(() => [] as LiveEvent[]);
  const offs = on.map((b, i) => b.subscribe(MARKER, (e) => got[i]!.push(e)));
  publisher.publish([event(MARKER, 0)]);
  await until(() => got.every((g) => g.length > 0), 'the marker event');
  for (const off of offs) off();
}

async function listeners(name: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from pg_stat_activity where application_name = ${`${channel}_${name}`}`.execute(
    storage.db,
  );
  return Number(rows[0]?.n ?? 0);
}

describe('O2 PgBus: live events cross processes through LISTEN/NOTIFY', () => {
  it('O2 an event published by one process reaches the subscribers of every process exactly once', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const onA: LiveEvent[] = [];
    const onB: LiveEvent[] = [];
    const other: LiveEvent[] = [];
    a.subscribe('m1', (e) => onA.push(e));
    b.subscribe('m1', (e) => onB.push(e));
    b.subscribe('m2', (e) => other.push(e));
    a.publish([event('m1', 1)]);
    await until(() => onA.length > 0 && onB.length > 0, 'delivery');
    await marker(a, a, b);
    expect(onA).toEqual([event('m1', 1)]);
    expect(onB).toEqual([event('m1', 1)]);
    expect(other).toEqual([]);
  });

  it('O2 a large batch (a bulk withdrawal) arrives whole and in order, in payloads below 8000 bytes', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const sent = Array.from({ length: 3000 }, (_, i) => event('m1', i));
    a.publish(sent);
    await until(() => got.length === sent.length, 'all events', 15_000);
    expect(got).toEqual(sent);
    const payloads = pack(sent);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p) as LiveEvent[])).toEqual(sent);
  });

  it('O2 the listening connection comes back after it is dropped, and events flow again', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`${channel}_b`}`.execute(
      storage.db,
    );
    await until(() => !b.isListening(), 'the drop to be noticed');
    await until(() => b.isListening(), 'the reconnection');
    expect(errors.length).toBeGreaterThan(0);
    a.publish([event('m1', 7)]);
    await until(() => got.length > 0, 'delivery after reconnecting');
    expect(got).toEqual([event('m1', 7)]);
  });

  it('O2 close() sends what is being published, then releases the listening connection', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    expect(await listeners('a')).toBe(1);
    a.publish([event('m1', 1)]);
    await a.close();
    await until(() => got.length === 1, 'the event published just before close');
    expect(await listeners('a')).toBe(0);
    expect(a.isListening()).toBe(false);
  });

  it('O2 unsubscribing stops delivery; foreign or malformed notifications on the channel are ignored', async () => {
    const a = await bus('a');
    const got: LiveEvent[] = [];
    const off = a.subscribe('m1', (e) => got.push(e));
    expect(a.subscriberCount()).toBe(1);
    await sql`select pg_notify(${channel}, ${'not json'})`.execute(storage.db);
    await sql`select pg_notify(${channel}, ${JSON.stringify([{ type: 'other', memberId: 'm1' }])})`.execute(
      storage.db,
    );
    await sql`select pg_notify(${channel}, ${JSON.stringify({ type: 'notification', memberId: 'm1' })})`.execute(
      storage.db,
    );
    a.publish([event('m1', 1)]);
    await until(() => got.length === 1, 'the valid event');
    off();
    off();
    expect(a.subscriberCount()).toBe(0);
    a.publish([event('m1', 2)]);
    await marker(a, a);
    expect(got).toEqual([event('m1', 1)]);
  });

  it('A1 a session-ended event crosses processes intact; malformed ones are dropped', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const ended = [
      sessionsEnded('m1', { only: ['hash-of-a-token'] }),
      sessionsEnded('m1', { allBut: 'hash-of-another' }),
      sessionsEnded('m1', { allBut: null }),
    ];
    for (const sessions of [{ only: 'not-a-list' }, { only: [42] }, { allBut: 7 }, {}, null]) {
      const payload = JSON.stringify([{ type: 'sessions_ended', memberId: 'm1', sessions }]);
      await sql`select pg_notify(${channel}, ${payload})`.execute(storage.db);
    }
    a.publish(ended);
    await until(() => got.length === ended.length, 'the session-ended events');
    await marker(a, b);
    expect(got).toEqual(ended);
  });
});
