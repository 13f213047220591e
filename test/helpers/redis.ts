/**
 * Redis for tests: the server of TEST_REDIS_URL (default the machine's, 127.0.0.1:6379). Pub/sub
 * channels are global to a Redis server, so every bus a test opens gets a channel of its own
 * (uniqueName: process id and random bytes): parallel runs on one machine never cross.
 */
import { Redis } from 'ioredis';
import { uniqueName } from './postgres.js';

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
}

/** The bus URL the race and live suites run on, when the `redis` project sets it. */
export function testBusUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.TEST_BUS_URL?.trim() || null;
}

export function uniqueChannel(prefix = 'rapport_live_test'): string {
  return uniqueName(prefix);
}

/** A plain client of the test's own (to look at or break the bus's connections). */
export async function redisClient(url = redisUrl()): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis is not reachable at ${url} (${(error as Error).message}). The redis test project needs it: ` +
        'start redis-server or point TEST_REDIS_URL at one. These tests fail rather than skip.',
      { cause: error },
    );
  }
  return client;
}

/** The ids of the connections named `name` (CLIENT SETNAME), from CLIENT LIST. */
export async function clientIds(client: Redis, name: string): Promise<string[]> {
  const list = String(await client.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).concat(
    '\n',
    String(await client.call('CLIENT', 'LIST', 'TYPE', 'normal')),
  );
  return list
    .split('\n')
    .filter((line) => line.split(' ').includes(`name=${name}`))
    .map((line) => /(?:^| )id=(\d+)/.exec(line)?.[1] ?? '')
    .filter((id) => id !== '');
}
