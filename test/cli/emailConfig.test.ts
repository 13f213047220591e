import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

/**
 * N2 configuration: a bad email variable stops the command at start (exit 2) with one line
 * naming the variable — before `serve` listens or any command touches the database — and an
 * SMTP URL, which may carry a password, is never echoed.
 */

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

const PREFIX = 'rapport: configuration error: ';

async function refused(args: string[], env: Record<string, string>, variable: string): Promise<string> {
  const run = await cli.run(args, env);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.startsWith(`${PREFIX}${variable} `)).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  return run.stderr;
}

describe('N2 bad email configuration stops the command at start', () => {
  it('RAPPORT_SMTP_URL that is not an smtp(s) URL, never echoing its password', async () => {
    for (const value of [
      'smtp//app:hunter2@mail.example.org',
      'smtp://app:hunter2@',
      'http://app:hunter2@mail.example.org',
      'localhost:25',
    ]) {
      for (const command of [['serve'], ['migrate'], ['sweep']]) {
        const stderr = await refused(command, { RAPPORT_SMTP_URL: value }, 'RAPPORT_SMTP_URL');
        expect(stderr).not.toContain('hunter2');
      }
    }
  });

  it('a negative or fractional RAPPORT_EMAIL_DELAY_SECONDS', async () => {
    for (const value of ['-1', '-600', '1.5', 'ten minutes']) {
      const stderr = await refused(
        ['serve'],
        { RAPPORT_EMAIL_DELAY_SECONDS: value },
        'RAPPORT_EMAIL_DELAY_SECONDS',
      );
      expect(stderr).toContain(`"${value}"`);
    }
  });

  it('bad RAPPORT_EMAIL_REMINDER_DAYS: not days, decreasing, more than two, zero', async () => {
    for (const value of ['weekly', '21,7', '7,7', '7,21,30', '0', '-7', '7;21']) {
      await refused(['serve'], { RAPPORT_EMAIL_REMINDER_DAYS: value }, 'RAPPORT_EMAIL_REMINDER_DAYS');
    }
  });

  it('good values are taken as given', () => {
    expect(
      loadConfig({
        RAPPORT_SMTP_URL: ' smtps://app:secret@mail.example.org:465 ',
        RAPPORT_EMAIL_DELAY_SECONDS: '0',
        RAPPORT_EMAIL_REMINDER_DAYS: ' 3 , 10 ',
      }),
    ).toMatchObject({
      smtpUrl: 'smtps://app:secret@mail.example.org:465',
      emailDelaySeconds: 0,
      emailReminderDays: [3, 10],
    });
    expect(loadConfig({ RAPPORT_EMAIL_REMINDER_DAYS: '' }).emailReminderDays).toEqual([]);
    expect(loadConfig({})).toMatchObject({
      smtpUrl: null,
      emailDelaySeconds: 600,
      emailReminderDays: [7, 21],
    });
  });
});
