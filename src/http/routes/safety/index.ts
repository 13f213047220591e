import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../commands/deps.js';
import { dontKnowInvitation, dontKnowInvitations } from '../../../commands/dontKnowInvitations.js';
import { fileReport } from '../../../commands/fileReport.js';
import { actorOf } from '../../auth.js';
import { trimmedBeforeValidation } from '../../validation.js';
import { BulkDontKnowReply, BulkIdsBody, InvitationId, ReportBody, ReportReply } from './schema.js';

/** What members do about unwanted invitations (M1, M2); moderators' side is under /admin. */
const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/invitations/:id/dont-know',
    {
      schema: {
        tags: ['invitations'],
        summary:
          '"I don’t know this person" (M1): ignores it; from now on that sender needs your email to invite you',
        params: InvitationId,
        response: { 204: Type.Null({ description: 'Done' }) },
      },
    },
    async (request, reply) => {
      await dontKnowInvitation(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/dont-know',
    {
      schema: {
        tags: ['invitations'],
        summary: '"I don’t know this person" for several selected invitations at once (M1)',
        body: BulkIdsBody,
        response: { 200: BulkDontKnowReply },
      },
    },
    async (request) => dontKnowInvitations(deps, actorOf(request), request.body.ids),
  );

  app.post(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Report a received invitation (it is also ignored) or a member (M2); only moderators ever see it',
        body: ReportBody,
        response: { 201: ReportReply },
      },
      preValidation: trimmedBeforeValidation('comment'),
    },
    async (request, reply) => reply.code(201).send(await fileReport(deps, actorOf(request), request.body)),
  );
};

export default routes;
