import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

const iso = (ms: number) => new Date(ms).toISOString();
const email = (name: string) => `${name}@example.test`;

describe('O3 rapport export', () => {
  const now = Date.now();
  const network = {
    members: ['ada', 'bob', 'cy', 'dee'].map((n) => ({
      email: email(n),
      password: 'long enough',
      name: n === 'bob' ? 'Bob "Bobby" Smith' : n.toUpperCase(),
    })),
    invitations: [
      {
        from: email('ada'),
        to: email('bob'),
        message: 'Hi, Bob.\nSaw "your" talk',
        sentAt: iso(now - 3 * DAY),
      },
      {
        from: email('ada'),
        to: email('cy'),
        sentAt: iso(now - 10 * DAY),
        status: 'accepted',
        endedAt: iso(now - 9 * DAY),
      },
      { from: email('ada'), to: email('dee'), sentAt: iso(now - 2 * DAY), status: 'ignored' },
      { from: email('dee'), to: email('cy'), sentAt: iso(now - DAY) },
    ],
  };

  async function importNetwork() {
    const result = await cli.run(['import', cli.file('network.json', network)]);
    expect(result.code, result.stderr).toBe(0);
    const rows = await cli.storage.db.selectFrom('members').select(['id', 'email']).execute();
    return new Map(rows.map((r) => [r.email.split('@')[0] as string, r.id]));
  }

  it('I10 O3 writes a member’s history as RFC 4180 CSV to stdout, newest first, ignored reading pending', async () => {
    const ids = await importNetwork();
    const result = await cli.run(['export', '--member', 'ADA@example.test', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'recipient_id,recipient_name,message,sent_at,outcome,ended_at\r\n' +
        `${ids.get('dee')},DEE,,${iso(now - 2 * DAY)},pending,\r\n` +
        `${ids.get('bob')},"Bob ""Bobby"" Smith","Hi, Bob.\nSaw ""your"" talk",${iso(now - 3 * DAY)},pending,\r\n` +
        `${ids.get('cy')},CY,,${iso(now - 10 * DAY)},accepted,${iso(now - 9 * DAY)}\r\n`,
    );
  });

  it('I10 O3 writes the same history as a JSON array, the shape of the API’s items', async () => {
    const ids = await importNetwork();
    const result = await cli.run(['export', '--member', email('ada'), '--format', 'json']);
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout);
    expect(items).toEqual([
      {
        id: expect.any(String),
        recipient: { id: ids.get('dee'), name: 'DEE', headline: '' },
        message: null,
        sentAt: iso(now - 2 * DAY),
        outcome: 'pending',
        endedAt: null,
      },
      expect.objectContaining({ message: 'Hi, Bob.\nSaw "your" talk', outcome: 'pending' }),
      expect.objectContaining({ outcome: 'accepted', endedAt: iso(now - 9 * DAY) }),
    ]);
    const empty = await cli.run(['export', '--member', email('bob'), '--format', 'json']);
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });

  it('O3 refuses an unknown member and an unknown format', async () => {
    await importNetwork();
    const unknown = await cli.run(['export', '--member', 'nobody@example.test', '--format', 'csv']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('rapport: no member has the email "nobody@example.test"\n');
    const format = await cli.run(['export', '--member', email('ada'), '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("option '--format <format>' argument 'xml' is invalid");
  });
});

describe('O3 rapport sweep and migrate', () => {
  it('I9 O3 sweep runs once over the configured database and says what it did', async () => {
    const now = Date.now();
    const network = {
      members: [
        { email: email('ada'), password: 'long enough', name: 'Ada', autoWithdrawAfterDays: 7 },
        { email: email('bob'), password: 'long enough', name: 'Bob' },
        { email: email('cy'), password: 'long enough', name: 'Cy' },
      ],
      invitations: [
        { from: email('ada'), to: email('bob'), sentAt: iso(now - 8 * DAY) },
        { from: email('ada'), to: email('cy'), sentAt: iso(now - 6 * DAY) },
      ],
    };
    expect((await cli.run(['import', cli.file('n.json', network)])).code).toBe(0);
    const result = await cli.run(['sweep']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Sweep done: 0 expired, 1 auto-withdrawn, 0 reminders sent.\n');
    const statuses = await cli.storage.db
      .selectFrom('invitations')
      .select(['status', 'sent_at'])
      .orderBy('sent_at')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['withdrawn', 'pending']);
  });

  it('O3 migrate applies the migrations once; a second run has nothing to do', async () => {
    // A database never migrated: the first run must apply every migration file, in order.
    await cli.close();
    cli = await createCliDatabase({ fresh: true });
    const files = readdirSync(join(import.meta.dirname, '../../src/storage/migrations'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const first = await cli.run(['migrate']);
    expect(first).toEqual({ code: 0, stdout: `Applied ${files.join(', ')}.\n`, stderr: '' });
    const second = await cli.run(['migrate']);
    expect(second).toEqual({ code: 0, stdout: 'The database is already up to date.\n', stderr: '' });
    const count = await cli.storage.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('O3 O4 the command line itself', () => {
  it('O4 a bad configuration value is a clear message and exit code 2, without a stack trace', async () => {
    const result = await cli.run(['migrate'], { RAPPORT_INVITES_PER_DAY: 'lots' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'rapport: configuration error: RAPPORT_INVITES_PER_DAY must be a whole number from 1 to 1000000, got "lots"\n',
    );
    const port = await cli.run(['sweep'], { PORT: '70000' });
    expect(port.code).toBe(2);
    expect(port.stderr).not.toMatch(/\n\s+at /);
  });

  it('O3 --help lists every command and exits 0; an unknown command exits 1', async () => {
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'import <file>', 'sweep', 'export']) {
      expect(help.stdout).toContain(command);
    }
    const unknown = await cli.run(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
