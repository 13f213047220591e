import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword } from '../../../commands/changePassword.js';
import { deleteAccount } from '../../../commands/deleteAccount.js';
import type { Deps } from '../../../commands/deps.js';
import { updateProfile } from '../../../commands/updateProfile.js';
import { getAccount } from '../../../queries/getAccount.js';
import { SESSION_COOKIE, actorOf } from '../../auth.js';
import { presentMember } from '../../presenters.js';
import { ChangePasswordBody, DeleteAccountBody, MeReply, UpdateMeBody } from './schema.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/me',
    { schema: { tags: ['me'], summary: 'The signed-in member', response: { 200: MeReply } } },
    async (request) => {
      const { member, email } = await getAccount(deps, actorOf(request));
      return { member: presentMember(member), email };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Edit my name and headline (A5), with the rules of signup',
        body: UpdateMeBody,
        response: { 200: MeReply },
      },
    },
    async (request) => {
      const member = await updateProfile(deps, actorOf(request), request.body);
      return { member: presentMember(member), email: member.email };
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change password; every other session stops working',
        body: ChangePasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await changePassword(deps, actorOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Delete the account and everything that points at it (A4)',
        body: DeleteAccountBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await deleteAccount(deps, actorOf(request), request.body);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
