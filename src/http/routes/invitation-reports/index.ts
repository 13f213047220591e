import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';

const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _opts) => {};

export default routes;
