import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/events/bus.js';
import { pack } from '../../src/events/pgBus.js';
import { startRedisBus, type RedisBus } from '../../src/events/redisBus.js';
import { clientIds, redisClient, redisUrl, uniqueChannel } from '../helpers/redis.js';

/** Two buses on one Redis stand for two app processes; each test has a channel of its own. */
let channel: string;
let raw: Redis;
const open: RedisBus[] = [];
const errors: { error: Error; what: string }[] = [];

beforeEach(async () => {
  channel = uniqueChannel();
  errors.length = 0;
  raw = await redisClient();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
  await raw.quit();
});

async function bus(name: string, url = redisUrl()): Promise<RedisBus> {
  const b = await startRedisBus({
    url,
    channel,
    connectionName: `${channel}_${name}`,
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    onError: (error, what) => errors.push({ error, what }),
  });
  open.push(b);
  return b;
}

const event = (memberId: string, n: number): LiveEvent => ({
  type: 'notification',
  memberId,
  notificationId: `n-${n}`,
});

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Publishes a marker through `from` and waits until `to` delivered it: everything `from`
 * published before has then been delivered too (one connection, one channel, in order).
 */
async function flushed(from: RedisBus, to: RedisBus): Promise<void> {
  let seen = false;
  const off = to.subscribe('marker', () => (seen = true));
  from.publish([event('marker', 0)]);
  await until(() => seen, 'the marker');
  off();
}

describe('O2 RedisBus: live events cross processes through Redis pub/sub', () => {
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
    await flushed(a, b);
    await flushed(a, a);
    expect(onA).toEqual([event('m1', 1)]);
    expect(onB).toEqual([event('m1', 1)]);
    expect(other).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('O2 every event type of the bus interface crosses unchanged', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const sent: LiveEvent[] = [
      { type: 'notification', memberId: 'm1', notificationId: 'n1' },
      { type: 'notification_removed', memberId: 'm1', notificationId: 'n1' },
      { type: 'invitation_removed', memberId: 'm1', invitationId: 'i1' },
    ];
    a.publish(sent);
    await until(() => got.length === sent.length, 'all three');
    expect(got).toEqual(sent);
  });

  it('O2 a large batch (a bulk withdrawal) arrives whole and in order, in messages of at most 64 KiB', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const sent = Array.from({ length: 10_000 }, (_, i) => event('m1', i));
    a.publish(sent);
    await until(() => got.length === sent.length, 'all events', 15_000);
    expect(got).toEqual(sent);
    const messages = pack(sent, 64 * 1024);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(Buffer.byteLength(m)).toBeLessThanOrEqual(64 * 1024);
  });

  it('O2 the events of commits published back to back arrive in publishing order', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const sent = Array.from({ length: 500 }, (_, i) => event('m1', i));
    for (const e of sent) a.publish([e]);
    await until(() => got.length === sent.length, 'all events');
    expect(got).toEqual(sent);
  });

  it('O2 the subscribing connection comes back after Redis drops it, and events flow again', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const [id] = await clientIds(raw, `${channel}_b-sub`);
    expect(id).toBeDefined();
    await raw.call('CLIENT', 'KILL', 'ID', id as string);
    await until(() => !b.isListening(), 'the drop to be noticed');
    await until(() => b.isListening(), 'the resubscription');
    expect((await clientIds(raw, `${channel}_b-sub`)).length).toBe(1);
    a.publish([event('m1', 7)]);
    await until(() => got.length > 0, 'delivery after reconnecting');
    expect(got).toEqual([event('m1', 7)]);
  });

  it('O2 the publishing connection comes back too; a publish while it is down is reported, not queued', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    const [id] = await clientIds(raw, `${channel}_a-pub`);
    await raw.call('CLIENT', 'KILL', 'ID', id as string);
    // Published at once, while the connection is (or is about to be found) gone.
    await until(async () => (await clientIds(raw, `${channel}_a-pub`)).length === 1, 'the reconnection');
    await until(() => {
      a.publish([event('m1', 8)]);
      return got.length > 0;
    }, 'delivery after the publisher reconnected');
    // Every event delivered is the one published; nothing was replayed twice from a queue.
    expect(new Set(got.map((e) => JSON.stringify(e)))).toEqual(new Set([JSON.stringify(event('m1', 8))]));
  });

  it('O2 close() sends what is being published, then releases both connections', async () => {
    const a = await bus('a');
    const b = await bus('b');
    const got: LiveEvent[] = [];
    b.subscribe('m1', (e) => got.push(e));
    expect((await clientIds(raw, `${channel}_a-pub`)).length).toBe(1);
    expect((await clientIds(raw, `${channel}_a-sub`)).length).toBe(1);
    a.publish([event('m1', 1)]);
    await a.close();
    await until(() => got.length === 1, 'the event published just before close');
    expect(await clientIds(raw, `${channel}_a-pub`)).toEqual([]);
    expect(await clientIds(raw, `${channel}_a-sub`)).toEqual([]);
    expect(a.isListening()).toBe(false);
    await a.close();
  });

  it('O2 unsubscribing stops delivery; foreign or malformed messages on the channel are ignored', async () => {
    const a = await bus('a');
    const got: LiveEvent[] = [];
    const off = a.subscribe('m1', (e) => got.push(e));
    expect(a.subscriberCount()).toBe(1);
    await raw.publish(channel, 'not json');
    await raw.publish(channel, JSON.stringify([{ type: 'other', memberId: 'm1' }]));
    await raw.publish(channel, JSON.stringify({ type: 'notification', memberId: 'm1' }));
    await raw.publish(
      channel,
      JSON.stringify([{ type: 'notification', memberId: 'm1', notificationId: 'x y' }]),
    );
    a.publish([event('m1', 1)]);
    await until(() => got.length === 1, 'the valid event');
    off();
    off();
    expect(a.subscriberCount()).toBe(0);
    a.publish([event('m1', 2)]);
    await flushed(a, a);
    expect(got).toEqual([event('m1', 1)]);
  });

  it('O2 a bus whose Redis is unreachable fails to start, and stops trying', async () => {
    await expect(
      startRedisBus({ url: 'redis://127.0.0.1:1', channel, reconnectMinMs: 10, reconnectMaxMs: 20 }),
    ).rejects.toThrow(/Redis at 127\.0\.0\.1:1 is not reachable \(.*ECONNREFUSED/);
  });
});
