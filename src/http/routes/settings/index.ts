import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { updateSettings } from '../../../commands/updateSettings.js';
import { getSettings } from '../../../queries/getSettings.js';
import { actorOf } from '../../auth.js';
import { SettingsReply, UpdateSettingsBody } from './schema.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/settings',
    {
      schema: { tags: ['settings'], summary: 'Invitation settings (C3)', response: { 200: SettingsReply } },
    },
    async (request) => getSettings(deps, actorOf(request)),
  );

  app.patch(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change any subset of the invitation settings (C3)',
        body: UpdateSettingsBody,
        response: { 200: SettingsReply },
      },
    },
    async (request) => updateSettings(deps, actorOf(request), request.body),
  );
};

export default routes;
