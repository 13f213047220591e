import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { testDialect } from '../helpers/app.js';
import { openTestSchema } from '../helpers/postgres.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A database for the command line to work on: a temporary SQLite file, or under
 * TEST_DIALECT=postgres an empty schema of the run's database. `storage` lets a test look at
 * what the commands wrote; `run` calls main() in-process with output captured.
 */
export interface CliDatabase {
  url: string;
  storage: Storage;
  dir: string;
  /** Writes a file into this test's temporary folder and returns its path. */
  file(name: string, content: unknown): string;
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  close(): Promise<void>;
}

function sink(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      append(String(chunk));
      done();
    },
  });
}

/** `fresh`: a database no migration has run on (on PostgreSQL, schemas are otherwise reused). */
export async function createCliDatabase({ fresh = false }: { fresh?: boolean } = {}): Promise<CliDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  let storage: Storage & { url?: string };
  if (testDialect === 'postgres') {
    storage = await openTestSchema(inject('pgTestDatabaseUrl'), undefined, { fresh });
  } else {
    storage = openStorage(join(dir, 'rapport.db'));
  }
  const url = storage.url ?? join(dir, 'rapport.db');
  return {
    url,
    storage,
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
    run: async (args, env = {}) => {
      let stdout = '';
      let stderr = '';
      const code = await main(['node', 'rapport', ...args], {
        stdout: sink((text) => (stdout += text)),
        stderr: sink((text) => (stderr += text)),
        env: { DATABASE_URL: url, RAPPORT_SCRYPT_LOG_N: '10', ...env },
      });
      return { code, stdout, stderr };
    },
    close: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
