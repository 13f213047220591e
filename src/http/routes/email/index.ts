import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../../commands/deps.js';
import { unsubscribeEmail } from '../../../commands/unsubscribeEmail.js';
import { readUnsubscribe } from '../../../queries/readUnsubscribe.js';
import type { EmailSetting } from '../../../domain/email.js';
import { escapeHtml } from '../../../email/render.js';
import { htmlPage } from '../../htmlPage.js';
import { HtmlPage, UnsubscribeBody, UnsubscribeQuery } from './schema.js';

const WHAT: Record<EmailSetting, string> = {
  invitationReceived: 'emails about new invitations',
  invitationAccepted: 'emails about accepted invitations',
  reminders: 'reminder emails',
};

const STYLES = `  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }
  button { font: inherit; padding: .5rem 1.25rem; border-radius: 1.25rem; border: 0; background: #0a66c2; color: #fff; cursor: pointer; }
  button:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) { body { background: #121417; color: #e8eaed; } button { background: #5aa9ff; color: #0b1320; } a { color: #8ab4f8; } }`;

function page(title: string, body: string): string {
  return htmlPage(title, STYLES, body);
}

/**
 * One-click unsubscribe (N2, RFC 8058). GET only asks (mail scanners follow links); POST, with
 * the token and nothing else (no sign-in, no CSRF check), switches that kind of email off.
 */
const routes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // RFC 8058 sends `List-Unsubscribe=One-Click` form-encoded; only this scope reads that type.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    '/email/unsubscribe',
    {
      config: { public: true },
      schema: {
        tags: ['email'],
        summary: 'The page an unsubscribe link opens: asks to confirm, changes nothing (N2)',
        querystring: UnsubscribeQuery,
        response: { 200: { content: { 'text/html': { schema: HtmlPage } } } },
      },
    },
    async (request, reply) => {
      const { setting } = await readUnsubscribe(deps, request.query.token);
      const action = `/api/v1/email/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
      return reply.type('text/html; charset=utf-8').send(
        page(
          'Unsubscribe?',
          `<p>Stop ${WHAT[setting]} from Rapport? Other emails keep coming; you can turn it back on in your email settings.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
        ),
      );
    },
  );

  app.post(
    '/email/unsubscribe',
    {
      config: { public: true, csrfExempt: true },
      schema: {
        tags: ['email'],
        summary: 'One-click unsubscribe (RFC 8058): switches that kind of email off (N2)',
        querystring: UnsubscribeQuery,
        body: UnsubscribeBody,
        response: { 200: { content: { 'text/html': { schema: HtmlPage } } } },
      },
    },
    async (request, reply) => {
      const { setting } = await unsubscribeEmail(deps, request.query.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Unsubscribed',
            `<p>You will no longer get ${WHAT[setting]} from Rapport. You can turn them back on in your <a href="/settings/email">email settings</a>.</p>`,
          ),
        );
    },
  );
};

export default routes;
