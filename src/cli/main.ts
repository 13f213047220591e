import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ImportError } from '../commands/importDocument.js';
import { ConfigError } from '../config.js';
import { adminCommand } from './commands/admin.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { sweepCommand } from './commands/sweep.js';
import { CliError, createContext, type CliContext, type CliIo } from './context.js';

/** One file per command under ./commands; adding one is adding it to this list. */
export type CliCommand = (program: Command, context: CliContext) => void;

const COMMANDS: CliCommand[] = [
  serveCommand,
  migrateCommand,
  importCommand,
  seedCommand,
  sweepCommand,
  exportCommand,
  adminCommand,
];

/**
 * The `rapport` command (O3). `argv` is process.argv-shaped. Returns the exit code; when called
 * without `io` (as bin/rapport.js does) it also sets process.exitCode.
 */
export async function main(argv: readonly string[], io?: Partial<CliIo>): Promise<number> {
  const full: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, ...io };
  const code = await run(argv, full);
  if (!io) process.exitCode = code;
  return code;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const context = createContext(io);
  const program = new Command('rapport')
    .description('Rapport: a self-hostable professional network built around connection invitations.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run `rapport --help` for usage)');
  for (const register of COMMANDS) register(program, context);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  const fail = (message: string, code: number) => {
    io.stderr.write(`${message}\n`);
    return code;
  };
  // Commander has already printed its own message (or the help it was asked for).
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof ConfigError) return fail(`rapport: configuration error: ${error.message}`, 2);
  if (error instanceof ImportError) {
    const lines = error.problems.map((p) => `  ${p}`).join('\n');
    return fail(`rapport import: refused; nothing was written.\n${lines}`, 1);
  }
  if (error instanceof CliError) return fail(`rapport: ${error.message}`, error.exitCode);
  return fail(`rapport: ${error instanceof Error ? error.message : String(error)}`, 1);
}

// Run directly (`tsx src/cli/main.ts serve`, as `npm run dev` does); bin/rapport.js imports it instead.
function runDirectly(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}
if (runDirectly()) await main(process.argv);
