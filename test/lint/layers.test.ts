import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js, tried on imports written into files of each layer: a wrong
 * import fails `npm run lint`, the allowed one beside it passes. The files need not exist.
 */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function lint(filePath: string, from: string): Promise<string[]> {
  const code = `import * as imported from '${from}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const WRONG: [layer: string, file: string, from: string, says: string][] = [
  ['domain imports nothing of ours', 'src/domain/x.ts', '../storage/tables.js', 'pure'],
  ['domain imports nothing of ours', 'src/domain/x.ts', '../clock.js', 'pure'],
  [
    'storage never imports commands',
    'src/storage/repositories/x.ts',
    '../../commands/deps.js',
    'bottom layer',
  ],
  ['storage never imports queries', 'src/storage/x.ts', '../queries/getProfile.js', 'bottom layer'],
  ['storage never imports http', 'src/storage/repositories/x.ts', '../../http/problem.js', 'bottom layer'],
  ['storage never imports jobs', 'src/storage/x.ts', '../jobs/sweep.js', 'bottom layer'],
  ['migrations never import app code', 'src/storage/migrations/x.ts', '../tables.js', 'frozen'],
  ['commands never import http', 'src/commands/x.ts', '../http/presenters.js', 'HTTP layer'],
  ['queries never import http', 'src/queries/support/x.ts', '../../http/pagination.js', 'HTTP layer'],
  [
    'http never imports storage',
    'src/http/routes/me/x.ts',
    '../../../storage/repositories/members.js',
    'never storage',
  ],
  ['http never imports storage', 'src/http/x.ts', '../storage/tables.js', 'never storage'],
  [
    'web never imports src/',
    'web/src/features/network/api/x.ts',
    '../../../../../src/domain/members.js',
    'HTTP API only',
  ],
  ['only storage and queries import Kysely', 'src/commands/x.ts', 'kysely', 'speak SQL'],
  ['only storage and queries import Kysely', 'src/http/routes/ops/x.ts', 'kysely', 'speak SQL'],
  ['only storage and queries import Kysely', 'src/events/x.ts', 'kysely', 'speak SQL'],
  ['only storage and queries import Kysely', 'src/jobs/x.ts', 'kysely', 'speak SQL'],
];

const RIGHT: [what: string, file: string, from: string][] = [
  ['domain imports itself', 'src/domain/x.ts', './errors.js'],
  ['storage imports the domain', 'src/storage/x.ts', '../domain/invitations.js'],
  ['storage speaks SQL', 'src/storage/repositories/x.ts', 'kysely'],
  ['migrations speak SQL', 'src/storage/migrations/x.ts', 'kysely'],
  ['queries read through storage', 'src/queries/x.ts', '../storage/repositories/members.js'],
  ['queries speak SQL', 'src/queries/x.ts', 'kysely'],
  ['commands write through repositories', 'src/commands/x.ts', '../storage/repositories/members.js'],
  ['http calls queries', 'src/http/routes/me/x.ts', '../../../queries/getAccount.js'],
  ['http calls commands', 'src/http/routes/me/x.ts', '../../../commands/logOut.js'],
  ['the runtime composes storage', 'src/runtime.ts', './storage/database.js'],
  ['web imports web', 'web/src/features/network/api/x.ts', '../../../lib/api.js'],
];

describe('layers are kept by npm run lint (eslint.config.js)', () => {
  it.each(WRONG)('%s: %s importing %s fails', async (_layer, file, from, says) => {
    const messages = await lint(file, from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^no-restricted-imports: /);
    expect(messages[0]).toContain(says);
  });

  it.each(RIGHT)('%s: %s importing %s passes', async (_what, file, from) => {
    expect(await lint(file, from)).toEqual([]);
  });
});
