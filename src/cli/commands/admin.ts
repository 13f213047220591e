import os from 'node:os';
import { setModerator } from '../../commands/setModerator.js';
import { DomainError } from '../../domain/errors.js';
import { CliError } from '../context.js';
import type { CliCommand } from '../main.js';

/** `rapport admin grant EMAIL` / `rapport admin revoke EMAIL` (M4), each logged in the audit log. */
export const adminCommand: CliCommand = (program, context) => {
  const admin = program.command('admin').description('make members moderators, or stop (M4)');
  for (const [name, moderator] of [
    ['grant', true],
    ['revoke', false],
  ] as const) {
    admin
      .command(`${name} <email>`)
      .description(moderator ? 'make the member a moderator' : 'stop the member being a moderator')
      .action(async (email: string) => {
        await context.withDeps(async (deps) => {
          try {
            const { changed, name: who } = await setModerator(deps, {
              email,
              moderator,
              operator: operatorLogin(),
            });
            context.print(
              changed
                ? `${who} <${email}> ${moderator ? 'is now a moderator' : 'is no longer a moderator'}`
                : `${who} <${email}> ${moderator ? 'was already a moderator' : 'was not a moderator'}; nothing changed`,
            );
          } catch (error) {
            if (error instanceof DomainError) throw new CliError(error.message);
            throw error;
          }
        });
      });
  }
};

/** The system login that runs the command, recorded in the audit log as the operator's; null if unknown. */
function operatorLogin(): string | null {
  try {
    const login = os.userInfo().username.trim();
    return login === '' ? null : login.slice(0, 100);
  } catch {
    return null;
  }
}
