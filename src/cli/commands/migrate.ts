import { openStorage } from '../../storage/database.js';
import { migrateToLatest } from '../../storage/migrate.js';
import type { CliCommand } from '../main.js';

export const migrateCommand: CliCommand = (program, context) => {
  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      const storage = openStorage(context.config().databaseUrl);
      try {
        const applied = await migrateToLatest(storage.db);
        context.print(
          applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is already up to date.',
        );
      } finally {
        await storage.close();
      }
    });
};
