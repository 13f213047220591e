import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptInvitation, acceptInvitations } from '../../../commands/acceptInvitations.js';
import type { Deps } from '../../../commands/deps.js';
import { ignoreInvitation, ignoreInvitations } from '../../../commands/ignoreInvitations.js';
import { sendInvitation } from '../../../commands/sendInvitation.js';
import { withdrawInvitation } from '../../../commands/withdrawInvitation.js';
import { withdrawInvitations } from '../../../commands/withdrawInvitations.js';
import { listReceivedInvitations } from '../../../queries/listReceivedInvitations.js';
import { listSentInvitations } from '../../../queries/listSentInvitations.js';
import type { ListedInvitation } from '../../../queries/support/pendingInvitations.js';
import { actorOf } from '../../auth.js';
import { trimmedBeforeValidation } from '../../validation.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { NO_MUTUALS, mutualSummaries } from '../../../queries/support/mutualConnections.js';
import { iso, presentMember, presentMutual } from '../../presenters.js';
import {
  BulkAcceptReply,
  BulkIdsBody,
  BulkIgnoreReply,
  BulkWithdrawBody,
  BulkWithdrawReply,
  ConnectionView,
  InvitationId,
  ReceivedList,
  ReceivedQuery,
  SendBody,
  SendReply,
  SentList,
  SentQuery,
} from './schema.js';

/** Both tabs show the member on the other side. */
const otherMember = (r: ListedInvitation) => ({
  id: r.member_id,
  name: r.member_name,
  headline: r.member_headline,
});

const NoContent = { 204: Type.Null({ description: 'Done' }) };

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['invitations'];

  app.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Connect: send an invitation with an optional note (I1–I3, I7)',
        body: SendBody,
        response: SendReply,
      },
      preValidation: trimmedBeforeValidation('message'),
    },
    async (request, reply) => {
      const result = await sendInvitation(deps, actorOf(request), request.body);
      if (result.kind === 'connected') {
        return reply.code(200).send({
          connection: { member: presentMember(result.member), connectedAt: iso(result.connectedAt) },
        });
      }
      const { invitation } = result;
      // The send counted the shared connections already; only a non-zero count needs the names.
      const mutual =
        invitation.mutualCount === 0
          ? NO_MUTUALS
          : ((await mutualSummaries(deps.db, actorOf(request).id, [invitation.recipient.id])).get(
              invitation.recipient.id,
            ) ?? NO_MUTUALS);
      return reply.code(201).send({
        invitation: {
          id: invitation.id,
          recipient: presentMember(invitation.recipient),
          message: invitation.message,
          sentAt: iso(invitation.sentAt),
          ...presentMutual(mutual),
        },
      });
    },
  );

  app.get(
    '/invitations/sent',
    {
      schema: {
        tags,
        summary: 'The Sent tab: my pending invitations, newest first (I4, I9); ignored ones are still listed',
        querystring: SentQuery,
        response: { 200: SentList },
      },
    },
    async (request) => {
      const { limit = 20, cursor, olderThanDays, query } = request.query;
      const sent = await listSentInvitations(deps, actorOf(request), {
        limit,
        after: decodeCursor(cursor),
        olderThanDays,
        query,
      });
      return presentPage(sent, (r) => ({
        id: r.id,
        recipient: otherMember(r),
        message: r.message,
        sentAt: iso(r.sent_at),
        ...presentMutual(r.mutual),
      }));
    },
  );

  app.get(
    '/invitations/received',
    {
      schema: {
        tags,
        summary: 'The Received tab: pending invitations to me that I have not ignored, newest first (I4)',
        querystring: ReceivedQuery,
        response: { 200: ReceivedList },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const received = await listReceivedInvitations(deps, actorOf(request), {
        limit,
        after: decodeCursor(cursor),
      });
      return presentPage(received, (r) => ({
        id: r.id,
        sender: otherMember(r),
        message: r.message,
        sentAt: iso(r.sent_at),
        ...presentMutual(r.mutual),
      }));
    },
  );

  app.post(
    '/invitations/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw: silently, leaving the recipient no trace; repeating it is harmless (I5)',
        params: InvitationId,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await withdrawInvitation(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/withdraw',
    {
      schema: {
        tags,
        summary: 'Bulk withdraw selected invitations, or all older than N days, in one action (I6)',
        body: BulkWithdrawBody,
        response: { 200: BulkWithdrawReply },
      },
    },
    async (request) => withdrawInvitations(deps, actorOf(request), request.body),
  );

  app.post(
    '/invitations/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept: become connected; the sender is notified (I8)',
        params: InvitationId,
        response: { 200: Type.Object({ connection: ConnectionView }) },
      },
    },
    async (request) => {
      const result = await acceptInvitation(deps, actorOf(request), request.params.id);
      return { connection: { member: presentMember(result.member), connectedAt: iso(result.connectedAt) } };
    },
  );

  app.post(
    '/invitations/:id/ignore',
    {
      schema: {
        tags,
        summary: 'Ignore: it leaves my list; the sender is told nothing (I8)',
        params: InvitationId,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await ignoreInvitation(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accept several selected invitations at once (I4)',
        body: BulkIdsBody,
        response: { 200: BulkAcceptReply },
      },
    },
    async (request) => acceptInvitations(deps, actorOf(request), request.body.ids),
  );

  app.post(
    '/invitations/ignore',
    {
      schema: {
        tags,
        summary: 'Ignore several selected invitations at once (I4)',
        body: BulkIdsBody,
        response: { 200: BulkIgnoreReply },
      },
    },
    async (request) => ignoreInvitations(deps, actorOf(request), request.body.ids),
  );
};

export default routes;
