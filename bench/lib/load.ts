import autocannon from 'autocannon';
import { openLoadApart } from './openLoop.js';

export interface LoadResult {
  /** Requests per second, averaged over the run. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers outside 2xx, connection errors and timeouts: a scenario should have none. */
  failures: number;
  /**
   * The failures by cause: each non-2xx status code, plus `errors` (connection errors) and
   * `timeouts`, so a failure is explained rather than a bare count.
   */
  failuresByStatus: Record<string, number>;
  seconds: number;
  /** Open loop only: p99.9 and the slowest answer (ms). */
  p999?: number;
  maxMs?: number;
  /** Open loop only: p99 of how late the generator itself sent a request after its intended time (ms). */
  sendLagP99?: number;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

/**
 * Drives `url` with autocannon at `connections` concurrent connections for `seconds`, each
 * request made by `next()` (so every request may name a different member or invitation), or
 * until `max` requests when the pool of distinct requests is finite. With `rate`, the run is
 * open-loop: `rate` requests per second, evenly spaced, whatever the answers' latency, each
 * timed from its intended start, sent from a process of its own (see openLoop.ts), so p99
 * measures the server rather than a queue of our own making. `generator: 'autocannon-overall-rate'` runs autocannon's
 * `overallRate` instead (bursts at each second's start), kept only to show the difference.
 */
export async function load(
  url: string,
  next: () => RequestSpec,
  options: {
    seconds: number;
    connections: number;
    max?: number;
    rate?: number;
    generator?: 'even' | 'autocannon-overall-rate';
  },
): Promise<LoadResult> {
  if (options.rate && options.generator !== 'autocannon-overall-rate') {
    return openLoadApart(url, next, {
      rate: options.rate,
      seconds: options.seconds,
      connections: options.connections,
      ...(options.max ? { max: options.max } : {}),
    });
  }
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.max ? { maxOverallRequests: Math.max(options.max, options.connections) } : {}),
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const spec = next();
          const headers: Record<string, string> = {};
          if (spec.token) headers.authorization = `Bearer ${spec.token}`;
          if (spec.body !== undefined) headers['content-type'] = 'application/json';
          return {
            ...request,
            method: spec.method,
            path: spec.path,
            headers,
            body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: result.requests.total / Math.max(result.duration, 1e-9),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    failuresByStatus: failuresByStatus(result),
    seconds,
  };
}

function failuresByStatus(result: Awaited<ReturnType<typeof autocannon>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (!/^2\d\d$/.test(status) && count > 0) out[status] = count;
  }
  if (result.errors > 0) out.errors = result.errors;
  if (result.timeouts > 0) out.timeouts = result.timeouts;
  return out;
}

/** "409: 2, timeouts: 1", or "none". */
export function describeFailures(byStatus: Record<string, number>): string {
  const parts = Object.entries(byStatus).map(([k, n]) => `${k}: ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * Sender → recipient pairs, each once, walking senders × recipients diagonal by diagonal so
 * consecutive pairs spread over many members; pairs in `skip` (already related by the data,
 * see relatedPairs) are passed over, so every pair is one the rules allow a send to.
 */
export function freshPairs(
  senders: readonly string[],
  recipients: readonly string[],
  skip: ReadonlySet<string>,
): () => { sender: string; recipient: string } {
  const k = Math.min(senders.length, recipients.length);
  if (k === 0) throw new Error('no senders or recipients');
  let pair = 0;
  return () => {
    for (;;) {
      const i = pair++;
      const sender = senders[i % k] as string;
      const recipient = recipients[(i + Math.floor(i / k)) % k] as string;
      if (!skip.has(`${sender} ${recipient}`)) return { sender, recipient };
    }
  };
}

/** Round-robin over a fixed list. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle over');
  let i = 0;
  return () => items[i++ % items.length] as T;
}

/** Each item once, then the last one again (a finite pool; pair with `max`). */
export function once<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('empty pool');
  let i = 0;
  return () => items[Math.min(i++, items.length - 1)] as T;
}

/** Every page of these members' Sent tabs (50 rows each), found by following nextCursor. */
export async function sentPages(
  url: string,
  members: readonly string[],
  token: (id: string) => string,
): Promise<RequestSpec[]> {
  const pages: RequestSpec[] = [];
  for (const member of members) {
    let path = '/api/v1/invitations/sent?limit=50';
    for (;;) {
      pages.push({ method: 'GET', path, token: token(member) });
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${token(member)}` } });
      const body = (await res.json()) as { nextCursor: string | null };
      if (!body.nextCursor) break;
      path = `/api/v1/invitations/sent?limit=50&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
  }
  return pages;
}
