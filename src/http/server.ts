import { resolve } from 'node:path';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { DEMO_LOGIN, loadDemoNetwork } from '../commands/loadDemoNetwork.js';
import type { Config } from '../config.js';
import { Metrics } from '../metrics.js';
import { demoMailboxEnabled } from '../queries/demoMailbox.js';
import { memberByEmail } from '../queries/memberByEmail.js';
import { openRuntime } from '../runtime.js';
import { buildApp, DEFAULT_WEB_ROOT, isWebBuilt, WEB_NOT_BUILT_MESSAGE } from './app.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Stops the background jobs, the HTTP server, the bus and the database, in that order. */
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
 * serve the API and the web app, and run the background jobs (src/runtime.ts) until told to stop.
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

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  runtime.startJobs(app.log, { publicUrl: config.publicUrl ?? url });
  let closing: Promise<void> | null = null;
  const shutdown = () =>
    (closing ??= (async () => {
      await runtime.stopJobs();
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

  print(`Rapport is running at ${url}`);
  if (!config.smtpUrl)
    print(`No mail server configured (RAPPORT_SMTP_URL): emails are written to ${resolve(config.mailDir)}`);
  if (demoMailboxEnabled(config)) print(`Demo mailbox (the emails, from this machine only): ${url}/mailbox`);
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot !== null && !isWebBuilt(webRoot)) {
    app.log.warn({ webRoot }, WEB_NOT_BUILT_MESSAGE);
    print(`Warning: ${WEB_NOT_BUILT_MESSAGE}`);
  }
  if (config.demo && (await memberByEmail(deps, DEMO_LOGIN.email))) {
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
