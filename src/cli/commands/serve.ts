import { startServer } from '../../http/server.js';
import type { CliCommand } from '../main.js';

export const serveCommand: CliCommand = (program, context) => {
  program
    .command('serve')
    .description('migrate, then serve the API and the web app (RAPPORT_DEMO=1 adds demo members)')
    .action(async () => {
      // Keeps running until SIGINT/SIGTERM, then shuts down gracefully.
      await startServer(context.config(), { handleSignals: true, print: context.print });
    });
};
