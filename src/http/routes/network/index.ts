import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { getNetworkSummary } from '../../../queries/getNetworkSummary.js';
import { Type } from 'typebox';
import { dismissSuggestion } from '../../../commands/dismissSuggestion.js';
import { listSuggestions } from '../../../queries/listSuggestions.js';
import { actorOf } from '../../auth.js';
import { presentMember, presentMutual } from '../../presenters.js';
import { NetworkSummaryReply, SuggestionParams, SuggestionsQuery, SuggestionsReply } from './schema.js';

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

  app.get(
    '/network/suggestions',
    {
      schema: {
        tags: ['network'],
        summary:
          'People you may know (P2): members two steps away, most mutual connections first; never a ' +
          'connection, a pending invitation either way, a block either way or a dismissed member',
        querystring: SuggestionsQuery,
        response: { 200: SuggestionsReply },
      },
    },
    async (request) => {
      const suggestions = await listSuggestions(deps, actorOf(request), { limit: request.query.limit ?? 10 });
      return {
        items: suggestions.map((s) => ({ member: presentMember(s.member), ...presentMutual(s.mutual) })),
      };
    },
  );

  app.post(
    '/network/suggestions/:memberId/dismiss',
    {
      schema: {
        tags: ['network'],
        summary: 'Not interested: this member is not suggested again (P2); 404 like a profile',
        params: SuggestionParams,
        response: { 204: Type.Null({ description: 'Dismissed' }) },
      },
    },
    async (request, reply) => {
      await dismissSuggestion(deps, actorOf(request), request.params.memberId);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
