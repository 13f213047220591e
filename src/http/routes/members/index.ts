import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { getProfile } from '../../../commands/getProfile.js';
import { searchMembers, type NameKey } from '../../../commands/searchMembers.js';
import { DomainError } from '../../../domain/errors.js';
import { actorOf } from '../../auth.js';
import { presentMember } from '../../presenters.js';
import { MemberParams, ProfileReply, SearchQuery, SearchReply } from './schema.js';

/** Search pages by name, not time, so its cursor holds the (name, id) of the last row shown. */
function encodeNameCursor(key: NameKey): string {
  return Buffer.from(JSON.stringify(['n', key.name, key.id]), 'utf8').toString('base64url');
}

function decodeNameCursor(cursor: string | undefined): NameKey | undefined {
  if (cursor === undefined) return undefined;
  const fail = () => DomainError.validation('/cursor', 'is not a cursor this server issued');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'n' ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string' ||
    parsed[2].length === 0 ||
    parsed[2].length > 200
  ) {
    throw fail();
  }
  return { name: parsed[1], id: parsed[2] };
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
      const limit = request.query.limit ?? 20;
      const { rows, total } = await searchMembers(deps, actorOf(request), {
        query: request.query.query,
        limit,
        after: decodeNameCursor(request.query.cursor),
      });
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        items: shown.map(presentMember),
        nextCursor:
          rows.length > limit && last ? encodeNameCursor({ name: last.name_lower, id: last.id }) : null,
        total,
      };
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
