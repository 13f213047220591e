import type { CliCommand } from '../main.js';

export const serveCommand: CliCommand = (program, context) => {
  program
    .command('serve')
    .description('migrate, then serve the API and the web app (RAPPORT_DEMO=1 adds demo members)')
    .action(async () => {
      // Loaded here, not at the top: only `serve` needs Fastify and the routes, so the other
      // commands (sweep, export, import…) start without them (test/cli/layers.test.ts).
      const { startServer } = await import('../../http/server.js');
      // Keeps running until SIGINT/SIGTERM, then shuts down gracefully.
      await startServer(context.config(), { handleSignals: true, print: context.print });
    });
};
