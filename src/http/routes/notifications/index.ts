import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../commands/deps.js';
import { markNotificationsRead } from '../../../commands/markNotificationsRead.js';
import { DomainError } from '../../../domain/errors.js';
import { listNotifications } from '../../../queries/listNotifications.js';
import { actorOf } from '../../auth.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { presentNotification } from './presenter.js';
import { EventStream, MarkReadBody, NotificationList, NotificationsQuery } from './schema.js';
import { EVENT_STREAM_HEADERS, KEEP_ALIVE_MS, LiveStreams } from './stream.js';

export interface NotificationRoutesOptions {
  deps: Deps;
  /** How often an open stream sends a keep-alive comment; tests shorten it. */
  liveKeepAliveMs?: number;
}

const routes: FastifyPluginAsyncTypebox<NotificationRoutesOptions> = async (app, opts) => {
  const { deps } = opts;
  const streams = new LiveStreams(deps, opts.liveKeepAliveMs ?? KEEP_ALIVE_MS);
  // preClose runs before the server stops accepting and waits for open responses: ending the
  // streams here is what lets app.close() finish while clients are still listening.
  app.addHook('preClose', async () => streams.closeAll());

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first, with the unread count (N1)',
        querystring: NotificationsQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) => {
      const notifications = await listNotifications(deps, actorOf(request), {
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return { ...presentPage(notifications, presentNotification), unreadCount: notifications.unreadCount };
    },
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark some of your notifications, or all of them, read (N1)',
        body: MarkReadBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { ids, all } = request.body;
      if ((ids === undefined) === (all === undefined)) {
        throw DomainError.validation('/', 'give either ids (1–1000) or all: true');
      }
      await markNotificationsRead(deps, actorOf(request), ids ? { ids } : { all: true });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live notifications as server-sent events (N1); cookie or Bearer auth',
        response: { 200: EventStream },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // HEAD (which Fastify answers with this handler) sends no body: a stream started for it
      // would never be read nor closed, and stay subscribed until the app stops.
      if (request.method === 'HEAD') return reply.code(200).headers(EVENT_STREAM_HEADERS).send('');
      const body = streams.start(actor, request.log);
      // The schema documents the event-stream text; what is sent is the stream that carries it.
      return reply
        .code(200)
        .headers(EVENT_STREAM_HEADERS)
        .send(body as unknown as string);
    },
  );
};

export default routes;
