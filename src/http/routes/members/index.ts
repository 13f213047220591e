import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { getProfile } from '../../../queries/getProfile.js';
import { searchMembers, type NameKey } from '../../../queries/searchMembers.js';
import { actorOf } from '../../auth.js';
import { decodeCursorParts, encodeCursorParts, isCursorId, presentPage } from '../../pagination.js';
import { presentMember } from '../../presenters.js';
import { MemberParams, ProfileReply, SearchQuery, SearchReply } from './schema.js';

/** Search pages by name, not time, so its cursor holds the (name, id) of the last row shown. */
function encodeNameCursor(key: NameKey): string {
  return encodeCursorParts(['n', key.name, key.id]);
}

function decodeNameCursor(cursor: string | undefined): NameKey | undefined {
  if (cursor === undefined) return undefined;
  return decodeCursorParts(cursor, ([tag, name, id, ...rest]) =>
    rest.length === 0 && tag === 'n' && typeof name === 'string' && isCursorId(id) ? { name, id } : undefined,
  );
}

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Find members by name (A3): names containing the text, ignoring case, in name order (then id); ' +
          'includes the caller; members blocked either way never appear',
        querystring: SearchQuery,
        response: { 200: SearchReply },
      },
    },
    async (request) => {
      const found = await searchMembers(deps, actorOf(request), {
        query: request.query.query,
        limit: request.query.limit ?? 20,
        after: decodeNameCursor(request.query.cursor),
      });
      return presentPage(found, presentMember, encodeNameCursor);
    },
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'A member’s profile and their relationship to the caller (A2); 404 when blocked either way',
        params: MemberParams,
        response: { 200: ProfileReply },
      },
    },
    async (request) => {
      const profile = await getProfile(deps, actorOf(request), request.params.id);
      return {
        ...profile,
        member: presentMember(profile.member),
        canInviteAt: profile.canInviteAt === null ? null : new Date(profile.canInviteAt).toISOString(),
      };
    },
  );
};

export default routes;
