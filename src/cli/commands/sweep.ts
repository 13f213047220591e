import { runSweep } from '../../jobs/sweep.js';
import type { CliCommand } from '../main.js';

export const sweepCommand: CliCommand = (program, context) => {
  program
    .command('sweep')
    .description('once: expire old invitations, apply auto-withdraw settings, send stale reminders')
    .action(async () => {
      const report = await context.withDeps((deps) => runSweep(deps));
      context.print(
        `Sweep done: ${report.expired} expired, ${report.autoWithdrawn} auto-withdrawn, ` +
          `${report.remindersSent} reminders sent.`,
      );
    });
};
