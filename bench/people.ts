/**
 * `npm run bench:people` (DATABASE_URL=postgres://… for PostgreSQL): the P1 figure alone, as
 * `npm run bench` takes it — a seeded network (--members, --invitations; the quick data set by
 * default), its inbox member given connections near the 30,000 cap and a Received page of 50
 * senders each sharing 20 of them, then the route's page read with and without the mutual
 * connections, in-process. Prints the means, the ratio and the load average; writes nothing.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/security/passwords.js';
import { isPostgresUrl } from '../src/storage/database.js';
import { SEED_PASSWORD } from '../src/synthetic/plan.js';
import { seedDatabase } from '../src/synthetic/seed.js';
import { chooseCast, createBenchDatabase } from './lib/database.js';
import { connectMany, inviteFromSharing, mutualCost, mutualWriteCost } from './lib/people.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    invitations: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '500' },
  },
});
const MEMBERS = Number(args.members);
const TTL_DAYS = 180;
const serverUrl = process.env.DATABASE_URL?.trim();
const dialect = serverUrl && isPostgresUrl(serverUrl) ? 'postgres' : 'sqlite';

async function main(): Promise<void> {
  const db = await createBenchDatabase(serverUrl, undefined);
  try {
    const seeded = await seedDatabase(db.url, {
      members: MEMBERS,
      invitations: Number(args.invitations),
      seed: 1,
      now: Date.now(),
      invitationTtlDays: TTL_DAYS,
      heavySenders: 5,
      passwordHash: await hashPassword(SEED_PASSWORD, 15),
    });
    db.open();
    const cast = await chooseCast(db, { count: seeded.heavySenders, pending: seeded.heavyPending }, 1000);
    const crowded = cast.inbox[0] as string;
    const added = await connectMany(db, crowded, Math.min(29_000, Math.floor(MEMBERS / 3)));
    const senders = await inviteFromSharing(db, crowded, 50, 20);
    const load = loadavg().map((l) => l.toFixed(1));
    const m = await mutualCost(db, crowded, Number(args.rounds), TTL_DAYS);
    process.stdout.write(
      `${dialect}: member with ${added.toLocaleString('en-US')} connections, Received page of ${m.senders} (${m.withMutuals} with mutual connections): ` +
        `without ${m.pageMs.toFixed(3)} ms, with ${m.withMutualMs.toFixed(3)} ms, ratio ${(m.withMutualMs / m.pageMs).toFixed(2)} (target ≤ 1.2); ` +
        `load average before ${load.join(' ')}, after ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
    );
    // An accept by the member near the cap: the updates walk every pending invitation it has.
    const pending = await db.storage.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('sender_id', '=', crowded), eb('recipient_id', '=', crowded)]))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const w = await mutualWriteCost(db, crowded, senders, Number(args.rounds));
    process.stdout.write(
      `writes: a send's mutual count ${w.countMs.toFixed(3)} ms; an accept's count updates ${w.adjustMs.toFixed(3)} ms after its connection insert of ${w.insertMs.toFixed(3)} ms (the member has ${Number(pending.n)} pending invitations)\n`,
    );
  } finally {
    await db.drop();
  }
}

await main();
