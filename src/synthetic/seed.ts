/**
 * src/synthetic/ is a tool, not part of the running server: it writes a large synthetic network
 * (names, a deterministic plan, fast bulk writers per dialect, worker threads) for `rapport seed`
 * and the benchmarks. Nothing under src/http, src/commands, src/queries or src/jobs imports it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GeneratorMessage } from './generateWorker.js';
import { SeedPlan, type RowBlock, type SeedOptions, type SeedTotals } from './plan.js';
import { openSeedWriter, type SeedWriter } from './writers.js';

export type SeedPhase = 'invitations' | 'members' | 'indexes' | 'done';

export interface SeedProgress {
  phase: SeedPhase;
  /** Invitations written so far (members are written after all invitations are in). */
  invitations: number;
  members: number;
}

export interface SeedResult extends SeedTotals {
  seconds: number;
  invitationsPerSecond: number;
}

/** Invitations per generated block: each block is a handful of multi-row statements. */
const BLOCK = 20_000;
/** Blocks the generator may run ahead of the writer. */
const AHEAD = 3;

export class AlreadySeededError extends Error {
  override name = 'AlreadySeededError';
}

/**
 * Writes the synthetic network of `options` into the (migrated) database at `url`, all or
 * nothing, reporting progress as it goes. The rate counts the whole run: generation, inserts
 * and index builds.
 */
export async function seedDatabase(
  url: string,
  options: SeedOptions,
  onProgress: (progress: SeedProgress) => void = () => {},
): Promise<SeedResult> {
  const started = performance.now();
  SeedPlan.check(options);
  const writer = openSeedWriter(url);
  let totals: SeedTotals;
  try {
    if (await writer.hasSeededMembers()) {
      throw new AlreadySeededError('This database has been seeded already; seed a fresh database instead.');
    }
    await writer.begin();
    try {
      totals = await writeGenerated(writer, options, onProgress);
      onProgress({ phase: 'indexes', invitations: options.invitations, members: options.members });
      await writer.commit();
      onProgress({ phase: 'done', invitations: options.invitations, members: options.members });
    } catch (error) {
      await writer.rollback().catch(() => {});
      throw error;
    }
  } finally {
    await writer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...totals, seconds, invitationsPerSecond: options.invitations / Math.max(seconds, 1e-9) };
}

/** Runs the generator thread and writes what it sends, in order, one block at a time. */
function writeGenerated(
  writer: SeedWriter,
  options: SeedOptions,
  onProgress: (progress: SeedProgress) => void,
): Promise<SeedTotals> {
  const worker = startGenerator({ options, blockSize: BLOCK, ahead: AHEAD });
  let invitations = 0;
  let members = 0;
  let chain = Promise.resolve();
  return new Promise<SeedTotals>((resolve, reject) => {
    const fail = (error: unknown): void => {
      void worker.terminate();
      reject(error);
    };
    const write = async (blocks: RowBlock[]): Promise<void> => {
      await writer.write(blocks);
      worker.postMessage('credit');
    };
    worker.on('error', fail);
    worker.on('message', (message: GeneratorMessage) => {
      if (message.kind === 'invitations') {
        chain = chain
          .then(() => write(message.blocks))
          .then(() => {
            invitations += message.blocks[0]?.rows ?? 0;
            onProgress({ phase: 'invitations', invitations, members });
          });
      } else if (message.kind === 'members') {
        chain = chain
          .then(() => write([message.block]))
          .then(() => {
            members += message.block.rows;
            onProgress({ phase: 'members', invitations, members });
          });
      } else {
        chain.then(() => {
          void worker.terminate();
          resolve(message.totals);
        }, fail);
      }
      chain.catch(fail);
    });
  });
}

/**
 * The generator thread. Compiled, it is the .js beside this file. Under tsx or Vitest it is
 * TypeScript, and a worker does not inherit the parent's ESM loader on Node 20, so the worker
 * loads it through tsx's require hook instead.
 */
function startGenerator(workerData: { options: SeedOptions; blockSize: number; ahead: number }): Worker {
  // A young generation big enough for a block's short-lived strings keeps them out of old space.
  const resourceLimits = { maxYoungGenerationSizeMb: 384 };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./generateWorker.js', import.meta.url), { workerData, resourceLimits });
  }
  const require = createRequire(import.meta.url);
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(fileURLToPath(new URL('./generateWorker.ts', import.meta.url)))});`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}
