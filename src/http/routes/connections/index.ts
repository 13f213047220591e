import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../commands/deps.js';
import { removeConnection } from '../../../commands/removeConnection.js';
import { listConnections } from '../../../queries/listConnections.js';
import { actorOf } from '../../auth.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { iso, presentMember } from '../../presenters.js';
import { ConnectionParams, ConnectionsQuery, ConnectionsReply } from './schema.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/connections',
    {
      schema: {
        tags: ['connections'],
        summary: 'The caller’s connections, newest first (C1)',
        querystring: ConnectionsQuery,
        response: { 200: ConnectionsReply },
      },
    },
    async (request) => {
      const connections = await listConnections(deps, actorOf(request), {
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return presentPage(connections, (r) => ({
        member: presentMember(r),
        connectedAt: iso(r.connected_at),
      }));
    },
  );

  app.delete(
    '/connections/:memberId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Remove a connection; the other member is not notified (C1)',
        params: ConnectionParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeConnection(deps, actorOf(request), request.params.memberId);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
