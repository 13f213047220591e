import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { getNetworkSummary } from '../../../queries/getNetworkSummary.js';
import { actorOf } from '../../auth.js';
import { NetworkSummaryReply } from './schema.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/network/summary',
    {
      schema: {
        tags: ['network'],
        summary: 'My Network counts: connections and pending invitations received and sent (I4)',
        response: { 200: NetworkSummaryReply },
      },
    },
    async (request) => getNetworkSummary(deps, actorOf(request)),
  );
};

export default routes;
