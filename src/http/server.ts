import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../clock.js';
import type { Deps } from '../commands/deps.js';
import { DEMO_LOGIN, loadDemoNetwork } from '../commands/loadDemoNetwork.js';
import type { Config } from '../config.js';
import { InProcessBus, type EventBus } from '../events/bus.js';
import { startPgBus } from '../events/pgBus.js';
import { startRedisBus } from '../events/redisBus.js';
import { runSweep } from '../jobs/sweep.js';
import { Metrics } from '../metrics.js';
import { openStorage, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { findMemberByEmail } from '../storage/repositories/members.js';
import { buildApp, DEFAULT_WEB_ROOT, isWebBuilt, WEB_NOT_BUILT_MESSAGE } from './app.js';

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
    return {
      deps,
      close: async () => {
        await bus.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/**
 * Runs the sweep every `intervalSeconds` (0 = never), first right away. A run never overlaps
 * the previous one (the next is scheduled when one ends), and a failure is logged, never fatal.
 */
export function startSweeps(
  deps: Deps,
  intervalSeconds: number,
  log: FastifyBaseLogger,
): { stop(): Promise<void> } {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    timer = null;
    running = runSweep(deps)
      .then(
        (report) => {
          const changed = Object.values(report).some((n) => n > 0);
          log[changed ? 'info' : 'debug']({ sweep: report }, 'sweep done');
        },
        (err: unknown) => log.error({ err }, 'sweep failed; trying again at the next interval'),
      )
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, intervalSeconds * 1000);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Stops the sweep, the HTTP server, the bus and the database, in that order. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Where the start-up lines go (the URL, the demo login). */
  print?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that shut down gracefully and exit (the `serve` command). */
  handleSignals?: boolean;
  webRoot?: string | null;
  logger?: boolean;
}

/**
 * `rapport serve` (O1): migrate, load the demo network into an empty database when asked,
 * serve the API and the web app, and sweep in the background until told to stop.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const runtime = await openRuntime(config, { metrics: new Metrics({ defaultMetrics: true }) });
  const { deps } = runtime;
  let app: FastifyInstance;
  try {
    const demo = config.demo ? await loadDemoNetwork(deps) : null;
    if (demo) print(`Created the demo network: ${demo.members} members, ${demo.invitations} invitations.`);
    app = await buildApp(deps, {
      logger: options.logger ?? true,
      ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await runtime.close();
    throw error;
  }

  const sweeps = startSweeps(deps, config.sweepIntervalSeconds, app.log);
  let closing: Promise<void> | null = null;
  const shutdown = () =>
    (closing ??= (async () => {
      await sweeps.stop();
      await app.close();
      await runtime.close();
    })());
  const grace = options.handleSignals
    ? closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
        if (err) app.log.error({ err }, 'shutting down after an unexpected error');
        else app.log.info({ signal }, 'shutting down');
        await shutdown();
      })
    : null;

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  print(`Rapport is running at ${url}`);
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot !== null && !isWebBuilt(webRoot)) {
    app.log.warn({ webRoot }, WEB_NOT_BUILT_MESSAGE);
    print(`Warning: ${WEB_NOT_BUILT_MESSAGE}`);
  }
  if (config.demo && (await findMemberByEmail(deps.db, DEMO_LOGIN.email))) {
    print(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  }
  return {
    app,
    url,
    close: async () => {
      grace?.uninstall();
      await shutdown();
    },
  };
}
