import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCliDatabase, type CliDatabase } from './helpers.js';

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

const member = async (email: string) =>
  cli.storage.db
    .selectFrom('members')
    .select(['id', 'is_moderator'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();

describe('M4 rapport admin grant / revoke', () => {
  it('makes a member a moderator and stops it, each change one audit row; repeating changes nothing', async () => {
    const network = {
      members: [{ email: 'mo@example.test', password: 'long enough', name: 'Mo Moderator' }],
    };
    expect((await cli.run(['import', cli.file('n.json', network)])).code).toBe(0);

    const grant = await cli.run(['admin', 'grant', '  MO@example.test ']);
    expect(grant.code, grant.stderr).toBe(0);
    expect(grant.stdout).toContain('is now a moderator');
    expect((await member('mo@example.test')).is_moderator).toBe(1);
    const again = await cli.run(['admin', 'grant', 'mo@example.test']);
    expect(again.stdout).toContain('nothing changed');

    const revoke = await cli.run(['admin', 'revoke', 'mo@example.test']);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await member('mo@example.test')).is_moderator).toBe(0);

    const log = await cli.storage.db
      .selectFrom('audit_log')
      .select(['action', 'moderator_id', 'moderator_name', 'target_name'])
      .orderBy('at')
      .orderBy('id')
      .execute();
    // No member acted: the operator did, recorded by the system login that ran the command.
    const login = os.userInfo().username;
    expect(log).toEqual([
      { action: 'grant', moderator_id: null, moderator_name: login, target_name: 'Mo Moderator' },
      { action: 'revoke', moderator_id: null, moderator_name: login, target_name: 'Mo Moderator' },
    ]);
  });

  it('an unknown email is a clear message and exit code 1, and writes nothing', async () => {
    const res = await cli.run(['admin', 'grant', 'nobody@example.test']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^rapport: No member has the email "nobody@example.test"\n$/);
    expect(await cli.storage.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });
});
