import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import {
  historyRecord,
  invitationHistoryCsv,
  readInvitationHistory,
} from '../../../queries/invitationHistory.js';
import { invitationInsights } from '../../../queries/invitationInsights.js';
import { invitationQuota } from '../../../queries/invitationQuota.js';
import { actorOf } from '../../auth.js';
import { decodeCursor, presentPage } from '../../pagination.js';
import { iso, isoOrNull } from '../../presenters.js';
import { HistoryQuery, HistoryReply, InsightsQuery, InsightsReply, QuotaReply } from './schema.js';

/** The sender's reports on their own invitations: history and export (I10), insights (I11), quota. */
const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['invitations'];

  app.get(
    '/invitations/history',
    {
      schema: {
        tags,
        summary: 'Contact history: every invitation you sent and its outcome, as JSON or CSV (I10)',
        querystring: HistoryQuery,
        response: HistoryReply,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.query.format === 'csv') {
        // Streamed in batches so a long history never sits whole in memory. A stream bypasses
        // response serialization; the type provider only knows the schema's string.
        const csv = Readable.from(invitationHistoryCsv(deps, actor.id)) as unknown as string;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="rapport-invitations.csv"')
          .send(csv);
      }
      const history = await readInvitationHistory(deps, actor, {
        limit: request.query.limit ?? 20,
        after: decodeCursor(request.query.cursor),
      });
      return reply.type('application/json; charset=utf-8').send(presentPage(history, historyRecord));
    },
  );

  app.get(
    '/invitations/insights',
    {
      schema: {
        tags,
        summary: 'How your invitations fare: totals, weekly counts, acceptance rate, time to accept (I11)',
        querystring: InsightsQuery,
        response: { 200: InsightsReply },
      },
    },
    async (request) => {
      const insights = await invitationInsights(deps, actorOf(request), request.query.weeks ?? 12);
      return { ...insights, weekly: insights.weekly.map((w) => ({ ...w, weekStart: iso(w.weekStart) })) };
    },
  );

  app.get(
    '/invitations/quota',
    {
      schema: {
        tags,
        summary: 'Your sending limits: used and when a slot frees, per rolling day and week (I2, I7)',
        response: { 200: QuotaReply },
      },
    },
    async (request) => {
      const { day, week, pending, restrictedUntil } = await invitationQuota(deps, actorOf(request));
      return {
        day: { ...day, resetsAt: isoOrNull(day.resetsAt) },
        week: { ...week, resetsAt: isoOrNull(week.resetsAt) },
        resendCooldownDays: deps.config.resendCooldownDays,
        pending,
        restrictedUntil: isoOrNull(restrictedUntil),
      };
    },
  );
};

export default routes;
