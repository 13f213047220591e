import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

describe('O4 RAPPORT_BUS_URL chooses the live-event bus', () => {
  it('O4 a scheme other than redis:// stops the command naming the variable (exit 2), never echoing a password', async () => {
    const pg = await cli.run(['migrate'], { RAPPORT_BUS_URL: 'postgres://app:hunter2@db:5432/rapport' });
    expect(pg).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rapport: configuration error: RAPPORT_BUS_URL must be a redis://host:port URL, got a postgres:// URL\n',
    });
    const notUrl = await cli.run(['sweep'], { RAPPORT_BUS_URL: 'localhost:6379' });
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(
      /^rapport: configuration error: RAPPORT_BUS_URL must be a redis:\/\/host:port URL/,
    );
    const noHost = await cli.run(['migrate'], { RAPPORT_BUS_URL: 'redis://:hunter2@' });
    expect(noHost.code).toBe(2);
    expect(noHost.stderr).toMatch(/RAPPORT_BUS_URL/);
    expect(noHost.stderr).not.toMatch(/hunter2/);
    const channel = await cli.run(['migrate'], { RAPPORT_BUS_CHANNEL: 'two words' });
    expect(channel.code).toBe(2);
    expect(channel.stderr).toMatch(/^rapport: configuration error: RAPPORT_BUS_CHANNEL must be/);
  });

  it('O4 unset means the default bus; a redis:// URL and a channel are taken as given', () => {
    expect(loadConfig({})).toMatchObject({ busUrl: null, busChannel: 'rapport_live' });
    expect(
      loadConfig({ RAPPORT_BUS_URL: ' redis://127.0.0.1:6379 ', RAPPORT_BUS_CHANNEL: 'staging:live' }),
    ).toMatchObject({ busUrl: 'redis://127.0.0.1:6379', busChannel: 'staging:live' });
  });
});
