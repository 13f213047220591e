import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { blockMember } from '../../../commands/blockMember.js';
import type { Deps } from '../../../commands/deps.js';
import { unblockMember } from '../../../commands/unblockMember.js';
import { listBlocks } from '../../../queries/listBlocks.js';
import { actorOf } from '../../auth.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { presentMember } from '../../presenters.js';
import { BlockBody, BlockParams, BlocksQuery, BlocksReply } from './schema.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/blocks',
    {
      schema: {
        tags: ['blocks'],
        summary:
          'Block a member (C2): removes any connection and pending invitation between you, silently; ' +
          'blocking twice is harmless',
        body: BlockBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await blockMember(deps, actorOf(request), request.body.memberId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/blocks/:memberId',
    {
      schema: {
        tags: ['blocks'],
        summary: 'Unblock a member (C2)',
        params: BlockParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await unblockMember(deps, actorOf(request), request.params.memberId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/blocks',
    {
      schema: {
        tags: ['blocks'],
        summary: 'Members the caller blocked, most recently blocked first (C2)',
        querystring: BlocksQuery,
        response: { 200: BlocksReply },
      },
    },
    async (request) => {
      const blocks = await listBlocks(deps, actorOf(request), {
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return presentPage(blocks, presentMember);
    },
  );
};

export default routes;
