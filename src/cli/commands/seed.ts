import { SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';
import { hashPassword } from '../../security/passwords.js';
import { openStorage } from '../../storage/database.js';
import { migrateToLatest } from '../../storage/migrate.js';
import { SEED_PASSWORD, SeedPlan, type SeedTotals } from '../../synthetic/plan.js';
import { AlreadySeededError, seedDatabase, type SeedResult } from '../../synthetic/seed.js';
import { CliError } from '../context.js';
import type { CliCommand } from '../main.js';

interface SeedFlags {
  members: string;
  invitations: string;
  seed: string;
  now?: string;
}

function wholeNumber(flag: string, raw: string, max: number): number {
  const text = raw.replaceAll('_', '').replaceAll(',', '');
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new CliError(
      `--${flag} must be a whole number from 0 to ${max.toLocaleString('en-US')}, got "${raw}"`,
      2,
    );
  }
  return Number(text);
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');

export const seedCommand: CliCommand = (program, context) => {
  program
    .command('seed')
    .description('write a synthetic network at scale (deterministic for a given --seed and --now)')
    .requiredOption('--members <n>', 'members to create')
    .requiredOption(
      '--invitations <n>',
      'invitations to create (pending, accepted, withdrawn, ignored, expired)',
    )
    .option('--seed <s>', 'seed of the random generator: the same seed gives the same data', '1')
    .option('--now <iso-time>', 'the time the data is generated against (default: now)')
    .action(async (flags: SeedFlags) => {
      const config = context.config();
      const now = flags.now === undefined ? Date.now() : Date.parse(flags.now);
      if (!Number.isFinite(now)) throw new CliError(`--now must be an ISO-8601 time, got "${flags.now}"`, 2);
      const options = {
        members: wholeNumber('members', flags.members, 50_000_000),
        invitations: wholeNumber('invitations', flags.invitations, 1_000_000_000),
        seed: wholeNumber('seed', flags.seed, 2 ** 32 - 1),
        now,
        invitationTtlDays: config.invitationTtlDays,
        // One hash for everyone: hashing a million passwords with scrypt would take hours.
        passwordHash: await hashPassword(SEED_PASSWORD, config.scryptLogN),
      };
      try {
        SeedPlan.check(options);
      } catch (error) {
        throw new CliError((error as Error).message, 2);
      }

      const storage = openStorage(config.databaseUrl);
      try {
        await migrateToLatest(storage.db);
      } finally {
        await storage.close();
      }

      const bar = progressBar(context.io.stderr, options.invitations);
      let result: SeedResult;
      try {
        result = await seedDatabase(config.databaseUrl, options, (p) => {
          if (p.phase === 'invitations') bar.update(p.invitations, { phase: 'invitations' });
          else if (p.phase === 'members') bar.update(p.invitations, { phase: `members ${n(p.members)}` });
          else if (p.phase === 'indexes') bar.update(p.invitations, { phase: 'building indexes' });
        });
      } catch (error) {
        if (error instanceof AlreadySeededError) throw new CliError(error.message);
        throw error;
      } finally {
        bar.stop();
      }
      for (const line of summary(result)) context.print(line);
    });
};

function progressBar(stream: Writable, total: number): SingleBar {
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: 'seeding [{bar}] {percentage}% | {value}/{total} invitations | {phase} | {duration_formatted}',
    formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? n(value) : String(value)),
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0, { phase: 'starting' });
  return bar;
}

function summary(result: SeedResult & SeedTotals): string[] {
  const lines = [
    `Seeded ${n(result.members)} members and ${n(result.invitations)} invitations: ` +
      `${n(result.pending)} pending (${n(result.ignored)} of them ignored), ${n(result.accepted)} accepted ` +
      `(${n(result.connections)} connections), ${n(result.withdrawn)} withdrawn, ${n(result.expired)} expired; ` +
      `${n(result.notifications)} notifications.`,
    `Sign in as member1@seed.rapport.test … member${result.members}@seed.rapport.test, password "${SEED_PASSWORD}".`,
  ];
  if (result.heavySenders > 0) {
    const who =
      result.heavySenders === 1 ? 'member1 has' : `member1 … member${result.heavySenders} each have`;
    lines.push(`${who} ${n(result.heavyPending)} pending sent invitations.`);
  }
  lines.push(`Done in ${result.seconds.toFixed(1)} s: ${n(result.invitationsPerSecond)} invitations/s.`);
  return lines;
}
