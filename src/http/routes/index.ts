import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../commands/deps.js';
import authRoutes from './auth/index.js';
import meRoutes from './me/index.js';
import membersRoutes from './members/index.js';
import invitationsRoutes from './invitations/index.js';
import invitationReportsRoutes from './invitation-reports/index.js';
import connectionsRoutes from './connections/index.js';
import blocksRoutes from './blocks/index.js';
import settingsRoutes from './settings/index.js';
import networkRoutes from './network/index.js';
import notificationsRoutes from './notifications/index.js';
import safetyRoutes from './safety/index.js';
import emailRoutes from './email/index.js';

/** Every resource of design/api.md under /api/v1, one folder each (schema.ts + index.ts). */
export async function apiRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  for (const routes of [
    authRoutes,
    meRoutes,
    membersRoutes,
    invitationsRoutes,
    invitationReportsRoutes,
    connectionsRoutes,
    blocksRoutes,
    settingsRoutes,
    networkRoutes,
    notificationsRoutes,
    safetyRoutes,
    emailRoutes,
  ]) {
    await app.register(routes, opts);
  }
}
