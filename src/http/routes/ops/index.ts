import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../../commands/deps.js';
import { DomainError } from '../../../domain/errors.js';
import { databaseAnswers } from '../../../queries/databaseAnswers.js';
import { sendProblem } from '../../problem.js';

/** /healthz and /metrics live at the root, outside /api/v1. */
export async function opsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    if (await databaseAnswers(deps)) return { status: 'ok' };
    return sendProblem(reply, new DomainError('service_unavailable', 'The database does not answer'));
  });

  // Counts of withdrawals and ignores, per-route counts and open streams are a side channel
  // (issue 12): without a token only a scraper on this host may read them; anyone else gets the
  // same 404 as a path that does not exist.
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (token && request.headers.authorization !== `Bearer ${token}`) {
      return sendProblem(reply, new DomainError('unauthorized', 'Metrics need the configured token'));
    }
    if (!token && !isDirectLoopbackClient(request)) return reply.callNotFound();
    deps.metrics.liveStreams.set(deps.bus.subscriberCount());
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}

const FORWARDED_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * A client on this host talking to us directly: the socket's peer is a loopback address and no
 * proxy said it forwarded the request. The socket, not request.ip: with RAPPORT_TRUST_PROXY,
 * request.ip is whatever X-Forwarded-For claims, which a client can write. And a reverse proxy on
 * the same host connects from loopback for every client it forwards, so a forwarded request is
 * never taken as local, whatever the setting.
 */
export function isDirectLoopbackClient(request: FastifyRequest): boolean {
  if (FORWARDED_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return isLoopback(request.raw.socket.remoteAddress ?? '');
}

function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
