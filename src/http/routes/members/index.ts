import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { getProfile } from '../../../queries/getProfile.js';
import { searchMembers, type NameKey } from '../../../queries/searchMembers.js';
import { actorOf } from '../../auth.js';
import { decodeCursorParts, encodeCursorParts, isCursorId, presentPage } from '../../pagination.js';
import { listMutualConnections } from '../../../queries/listMutualConnections.js';
import { presentMember, presentMutual } from '../../presenters.js';
import { MemberParams, MutualQuery, MutualReply, ProfileReply, SearchQuery, SearchReply } from './schema.js';

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

/** The mutual list pages by member id: its cursor holds the id of the last row shown. */
function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  return decodeCursorParts(cursor, ([tag, id, ...rest]) =>
    rest.length === 0 && tag === 'm' && isCursorId(id) ? id : undefined,
  );
}

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/members/:id/mutual',
    {
      schema: {
        tags: ['members'],
        summary:
          'Mutual connections (P1): members connected to both the caller and this member, in id order; ' +
          '404 when blocked either way',
        params: MemberParams,
        querystring: MutualQuery,
        response: { 200: MutualReply },
      },
    },
    async (request) => {
      const result = await listMutualConnections(deps, actorOf(request), {
        memberId: request.params.id,
        limit: request.query.limit ?? 20,
        after: decodeIdCursor(request.query.cursor),
      });
      return {
        items: result.rows.map(presentMember),
        nextCursor: result.next === null ? null : encodeCursorParts(['m', result.next]),
        total: result.total,
      };
    },
  );

  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary:
          'Find members by name (A3): names containing the text, ignoring case, in name order (then id); ' +
          'never the caller; members blocked either way never appear',
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
      const { mutual, ...profile } = await getProfile(deps, actorOf(request), request.params.id);
      return {
        ...profile,
        member: presentMember(profile.member),
        ...presentMutual(mutual),
        canInviteAt: profile.canInviteAt === null ? null : new Date(profile.canInviteAt).toISOString(),
      };
    },
  );
};

export default routes;
