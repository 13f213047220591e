import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../../commands/deps.js';
import { DomainError } from '../../../domain/errors.js';
import { sendProblem } from '../../problem.js';

/** /healthz and /metrics live at the root, outside /api/v1. */
export async function opsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' };
    } catch {
      return sendProblem(reply, new DomainError('service_unavailable', 'The database does not answer'));
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (token && request.headers.authorization !== `Bearer ${token}`) {
      return sendProblem(reply, new DomainError('unauthorized', 'Metrics need the configured token'));
    }
    deps.metrics.liveStreams.set(deps.bus.subscriberCount());
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
