/**
 * An open-loop load generator: requests leave at evenly spaced intended times (one every
 * 1/rate s) whatever the answers' latency, over a pool of keep-alive connections, and each
 * latency is measured from the request's *intended* send time, so time spent waiting for a
 * free connection or behind a stalled server counts (no coordinated omission). Latencies go
 * into an HDR histogram (microsecond resolution, three significant digits).
 *
 * autocannon's `overallRate` is not this: it releases each second's quota in a burst at the
 * start of the second and then corrects for coordinated omission, so its p99 at half the peak
 * measures the burst's queue (hundreds of ms) rather than the server.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'hdr-histogram-js';
import { Pool } from 'undici';
import type { LoadResult, RequestSpec } from './load.js';

export interface OpenLoopOptions {
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** Keep-alive connections the requests share (a request waits for a free one, timed from its intended start). */
  connections: number;
  /** Stop after this many requests (a finite pool), if sooner than `seconds`. */
  max?: number;
  /** A request with no complete answer after this long counts as a timeout. */
  timeoutMs?: number;
}

/** How many requests a run of these options sends. */
function requestsOf(options: OpenLoopOptions): number {
  const rate = Math.max(options.rate, 1e-3);
  return Math.max(1, Math.min(options.max ?? Number.POSITIVE_INFINITY, Math.round(rate * options.seconds)));
}

/**
 * `openLoad` in a child process of its own: the requests are made here, in order, before the
 * run (so `next` sees what it would have), and sent from a process that holds nothing else.
 * Run from the benchmark's own process, the generator shared an event loop and a heap with
 * everything the benchmark keeps (the seeded data's ids, sessions, a database connection): its
 * sends were up to 8–20 ms late at p99 against 3–7 ms from a fresh process (measured on the
 * suggestions and profile scenarios, same server, same rate), and every late send counts
 * against the server's latency, since each is timed from its intended start.
 */
export async function openLoadApart(
  url: string,
  next: () => RequestSpec,
  options: OpenLoopOptions,
): Promise<LoadResult> {
  const specs = Array.from({ length: requestsOf(options) }, next);
  const child = fork(fileURLToPath(new URL('./openLoopChild.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let answered = false;
    child.once('message', (result) => {
      answered = true;
      resolve(result as LoadResult);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`the open-loop generator exited with code ${code} before answering`));
    });
    child.send({ url, specs, options });
  });
}

/** The largest latency recorded (µs); anything slower is recorded as this, and is a timeout anyway. */
const HIGHEST_US = 120_000_000;

export async function openLoad(
  url: string,
  next: () => RequestSpec,
  options: OpenLoopOptions,
): Promise<LoadResult> {
  const rate = Math.max(options.rate, 1e-3);
  const total = requestsOf(options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = new Pool(url, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
  // How late the generator itself sent each request (timers, a busy client): if this is large,
  // the latencies include the client's own delays, and the run says so.
  const lag = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 2,
  });
  const failuresByStatus: Record<string, number> = {};
  const fail = (cause: string) => (failuresByStatus[cause] = (failuresByStatus[cause] ?? 0) + 1);
  const interval = 1000 / rate;
  const inFlight = new Set<Promise<void>>();

  const send = (intended: number): void => {
    lag.recordValue(Math.min(Math.max(Math.round((performance.now() - intended) * 1000), 1), HIGHEST_US));
    const spec = next();
    const headers: Record<string, string> = {};
    if (spec.token) headers.authorization = `Bearer ${spec.token}`;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    const request = pool
      .request({
        method: spec.method,
        path: spec.path,
        headers,
        body: spec.body === undefined ? null : JSON.stringify(spec.body),
      })
      .then(async (res) => {
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode > 299) fail(String(res.statusCode));
      })
      .catch((error: { code?: string }) => {
        fail(/TIMEOUT/.test(error.code ?? '') ? 'timeouts' : 'errors');
      })
      .finally(() => {
        const us = Math.round((performance.now() - intended) * 1000);
        histogram.recordValue(Math.min(Math.max(us, 1), HIGHEST_US));
        inFlight.delete(request);
      });
    inFlight.add(request);
  };

  const started = performance.now();
  let issued = 0;
  while (issued < total) {
    const now = performance.now();
    // Every request whose intended time has come leaves now, timed from that intended time.
    const due = Math.min(total, Math.floor((now - started) / interval) + 1);
    for (; issued < due; issued++) send(started + issued * interval);
    if (issued >= total) break;
    const wait = started + issued * interval - performance.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();

  const failures = Object.values(failuresByStatus).reduce((a, b) => a + b, 0);
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return {
    rps: total / Math.max(seconds, 1e-9),
    p50: ms(50),
    p99: ms(99),
    requests: total,
    failures,
    failuresByStatus,
    seconds,
    p999: ms(99.9),
    maxMs: histogram.maxValue / 1000,
    sendLagP99: lag.getValueAtPercentile(99) / 1000,
  };
}
