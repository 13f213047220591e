import { Option } from 'commander';
import { invitationHistoryCsv, invitationHistoryJson } from '../../queries/invitationHistory.js';
import { memberByEmail } from '../../queries/memberByEmail.js';
import { CliError } from '../context.js';
import type { CliCommand } from '../main.js';

export const exportCommand: CliCommand = (program, context) => {
  program
    .command('export')
    .description('write a member’s invitation history (I10) to stdout')
    .requiredOption('--member <email>', 'the member whose sent invitations to export')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('json'))
    .action(async (options: { member: string; format: 'csv' | 'json' }) => {
      await context.withDeps(async (deps) => {
        const member = await memberByEmail(deps, options.member);
        if (!member) throw new CliError(`no member has the email "${options.member}"`);
        const history = options.format === 'csv' ? invitationHistoryCsv : invitationHistoryJson;
        await context.stream(history(deps, member.id));
      });
    });
};
