/**
 * Global setup of the `redis` test project: an unreachable Redis fails the run here, loudly,
 * before any test starts (the project also needs PostgreSQL, which its cluster tests reach
 * through test/helpers/postgres.ts).
 */
import { redisClient } from './redis.js';

export default async function setup(): Promise<void> {
  const client = await redisClient();
  await client.quit();
}
