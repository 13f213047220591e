import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Deps } from '../commands/deps.js';
import { loadConfig, type Config } from '../config.js';
import { openRuntime } from '../runtime.js';

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** A refusal the user can act on: printed as it is, without a stack, with this exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliContext {
  io: CliIo;
  /** The configuration, read from the environment and validated once, when first needed. */
  config(): Config;
  /** Runs work with a migrated database, the bus and the rest of Deps, and closes them after. */
  withDeps<T>(work: (deps: Deps) => Promise<T>): Promise<T>;
  /** Writes a line to stdout. */
  print(line: string): void;
  /** Writes chunks to stdout, waiting when the reader is slower than we are. */
  stream(chunks: AsyncIterable<string>): Promise<void>;
}

export function createContext(io: CliIo): CliContext {
  let config: Config | null = null;
  const context: CliContext = {
    io,
    config: () => (config ??= loadConfig(io.env)),
    withDeps: async (work) => {
      const runtime = await openRuntime(context.config());
      try {
        return await work(runtime.deps);
      } finally {
        await runtime.close();
      }
    },
    print: (line) => {
      io.stdout.write(`${line}\n`);
    },
    stream: async (chunks) => {
      for await (const chunk of chunks) {
        if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
      }
    },
  };
  return context;
}
