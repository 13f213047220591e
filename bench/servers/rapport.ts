/**
 * The real server, as `rapport serve` starts it (src/http/server.ts), in a child process of
 * bench/run.ts: migrations, the full plugin tree, every route. Request logging is off, as in
 * production's default; the periodic sweep is off so it cannot run in the middle of a scenario.
 */
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/http/server.js';

// BENCH_SEND_TRUST_CHECKS=0: the same-run baseline that measures what M1/M3 cost a send.
const config = { ...loadConfig(process.env), sendTrustChecks: process.env.BENCH_SEND_TRUST_CHECKS !== '0' };
const server = await startServer(config, {
  logger: false,
  webRoot: null,
  print: (line) => console.log(line),
});
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
