/**
 * The composition root: the one place that opens storage, chooses the live-event bus, builds the
 * Deps every use case receives, and starts and stops the background jobs. `rapport serve`
 * (src/http/server.ts), the other CLI commands (src/cli/context.ts) and the benchmarks all start
 * here; nothing in it loads the HTTP layer, so `rapport sweep` and `rapport export` do not either.
 */
import { systemClock, type Clock } from './clock.js';
import type { Deps } from './commands/deps.js';
import type { Config } from './config.js';
import { InProcessBus, type EventBus } from './events/bus.js';
import { startPgBus } from './events/pgBus.js';
import { startRedisBus } from './events/redisBus.js';
import { startEmailDelivery } from './jobs/mailWorker.js';
import { startSweeps, type JobLog, type RunningJob } from './jobs/schedule.js';
import { Metrics } from './metrics.js';
import { openStorage, type Storage } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';

/** What a serving process knows once it listens, for jobs that need it. */
export interface JobSite {
  /** Where links (in emails) point: RAPPORT_PUBLIC_URL, else the address `serve` listens on. */
  publicUrl: string;
}

/** Background work a serving process runs beside its requests. */
export type BackgroundJob = (deps: Deps, log: JobLog, site: JobSite) => RunningJob;

/** Every background job, started together by `startJobs` and stopped together: add new ones here. */
export const BACKGROUND_JOBS: readonly BackgroundJob[] = [
  (deps, log) => startSweeps(deps, deps.config.sweepIntervalSeconds, log),
  (deps, log, site) => startEmailDelivery(deps, site.publicUrl, log),
];

/**
 * The live-event bus of this process. RAPPORT_BUS_URL=redis://… carries events between the
 * processes through Redis pub/sub, whatever the database; otherwise one process on SQLite needs
 * nothing more than an in-process emitter, and a PostgreSQL deployment of several processes gets
 * LISTEN/NOTIFY. Everything else receives the bus through Deps.
 */
export async function createBus(storage: Storage, config: Config): Promise<EventBus> {
  const onError = (error: Error, what: string) =>
    process.emitWarning(`live events: ${what} failed: ${error.message}`);
  if (config.busUrl) return startRedisBus({ url: config.busUrl, channel: config.busChannel, onError });
  if (storage.dialect !== 'postgres') return new InProcessBus();
  return startPgBus({ connectionString: config.databaseUrl, db: storage.db, onError });
}

/** Everything one process needs to run use cases: what the server and the CLI commands share. */
export interface Runtime {
  deps: Deps;
  /** Starts every background job (BACKGROUND_JOBS); only a serving process does. */
  startJobs(log: JobLog, site: JobSite): void;
  /** Stops the background jobs, waiting for runs in progress; harmless when none were started. */
  stopJobs(): Promise<void>;
  /** Stops the jobs, then closes the bus and the database. */
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  options: { migrate?: boolean; clock?: Clock; metrics?: Metrics } = {},
): Promise<Runtime> {
  const storage = openStorage(config.databaseUrl, {
    poolSize: config.dbPoolSize,
    cacheMiB: config.sqliteCacheMb,
  });
  try {
    if (options.migrate ?? true) await migrateToLatest(storage.db);
    const bus = await createBus(storage, config);
    const deps: Deps = {
      db: storage.db,
      dialect: storage.dialect,
      clock: options.clock ?? systemClock,
      config,
      bus,
      metrics: options.metrics ?? new Metrics(),
    };
    let running: RunningJob[] = [];
    const stopJobs = async () => {
      const stopping = running;
      running = [];
      await Promise.all(stopping.map((job) => job.stop()));
    };
    return {
      deps,
      startJobs: (log, site) => {
        if (running.length > 0) return;
        running = BACKGROUND_JOBS.map((start) => start(deps, log, site));
      },
      stopJobs,
      close: async () => {
        await stopJobs();
        await bus.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
