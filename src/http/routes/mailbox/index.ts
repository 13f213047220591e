import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../commands/deps.js';
import { DomainError } from '../../../domain/errors.js';
import { escapeHtml } from '../../../email/render.js';
import { htmlPage } from '../../htmlPage.js';
import { demoMailboxEnabled, listDemoMailbox, readDemoMailboxEmail } from '../../../queries/demoMailbox.js';
import { sendProblem } from '../../problem.js';
import { isDirectLoopbackClient } from '../ops/index.js';

/**
 * The demo mailbox (N2): without a mail server, emails are .eml files, and these server-rendered
 * pages list and show them — at the root, not under /api/v1, because they are no part of the
 * API: a tool for the person running the demo, like /metrics. Registered only with RAPPORT_DEMO=1
 * and no RAPPORT_SMTP_URL (elsewhere /mailbox does not exist), and answered only to a browser on
 * this machine talking to us directly, since it shows every member's email and its links.
 */
export async function mailboxRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  if (!demoMailboxEnabled(deps.config)) return;
  const local = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isDirectLoopbackClient(request)) return sendProblem(reply, DomainError.notFound('No such resource'));
  };
  const html = (reply: FastifyReply, body: string) =>
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const notFound = (reply: FastifyReply) => sendProblem(reply, DomainError.notFound('No such email'));
  const opts = { schema: { hide: true }, onRequest: local };

  app.get('/mailbox', opts, async (_request, reply) => {
    const emails = await listDemoMailbox(deps);
    const dir = resolve(deps.config.mailDir);
    const rows = emails
      .map(
        (e) => `<tr>
<td><a href="/mailbox/${e.id}">${escapeHtml(e.subject)}</a></td>
<td>${escapeHtml(e.to)}</td>
<td>${e.date ? `<time datetime="${e.date.toISOString()}">${when(e.date)}</time>` : ''}</td>
<td class="formats"><a href="/mailbox/${e.id}/text" aria-label="Text of “${escapeHtml(e.subject)}” to ${escapeHtml(e.to)}">Text</a> <a href="/mailbox/${e.id}/eml" aria-label=".eml file of “${escapeHtml(e.subject)}” to ${escapeHtml(e.to)}">.eml</a></td>
</tr>`,
      )
      .join('\n');
    const delay = deps.config.emailDelaySeconds;
    const list = emails.length
      ? `<table>
<caption>${emails.length === 1 ? '1 email' : `${emails.length} emails`}, newest first</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Sent</th><th scope="col">Also as</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
      : `<p class="empty">No emails yet. An email leaves ${delay >= 60 && delay % 60 === 0 ? `${delay / 60} minute${delay === 60 ? '' : 's'}` : `${delay} second${delay === 1 ? '' : 's'}`} after what it tells of (RAPPORT_EMAIL_DELAY_SECONDS), unless that is no longer true by then. Reload this page to see new ones.</p>`;
    return html(
      reply,
      page(
        'Demo mailbox',
        `<p>No mail server is configured (<code>RAPPORT_SMTP_URL</code>), so every email Rapport sends is written as an <code>.eml</code> file to <code>${escapeHtml(dir)}</code>, which any mail client opens. This page lists them; it exists only in the demo, for a browser on this machine.</p>
${list}
<p><a href="/">Back to Rapport</a></p>`,
      ),
    );
  });

  app.get<{ Params: { id: string } }>('/mailbox/:id', opts, async (request, reply) => {
    const email = await readDemoMailboxEmail(deps, request.params.id);
    if (!email) return notFound(reply);
    // The email's own HTML as a mail client shows it: its styles, none of its scripts.
    void reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    if (email.html !== null) return html(reply, email.html);
    return html(reply, page(email.subject, `<pre>${escapeHtml(email.text)}</pre>`));
  });

  app.get<{ Params: { id: string } }>('/mailbox/:id/text', opts, async (request, reply) => {
    const email = await readDemoMailboxEmail(deps, request.params.id);
    if (!email) return notFound(reply);
    return reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(email.text);
  });

  app.get<{ Params: { id: string } }>('/mailbox/:id/eml', opts, async (request, reply) => {
    const email = await readDemoMailboxEmail(deps, request.params.id);
    if (!email) return notFound(reply);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${email.id}.eml"`)
      .type('message/rfc822')
      .send(email.raw);
  });
}

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const STYLES = `  body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; background: #f4f2ee; color: #1d2226; }
  main { background: #fff; border-radius: 10px; padding: 1.5rem; box-shadow: 0 0 0 1px rgb(0 0 0 / .08); }
  h1 { margin-top: 0; }
  code { font-size: .9em; overflow-wrap: anywhere; }
  table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
  caption { text-align: left; color: #5a6169; padding-bottom: .5rem; }
  th, td { text-align: left; padding: .5rem; border-top: 1px solid #e8e6e2; vertical-align: top; }
  td { overflow-wrap: anywhere; }
  .formats a { margin-right: .5rem; white-space: nowrap; }
  a { color: #0a66c2; }
  a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  pre { white-space: pre-wrap; }
  @media (max-width: 40rem) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table, caption, tbody, tr, td { display: block; }
    tr { border-top: 1px solid #e8e6e2; padding: .5rem 0; }
    td { border: 0; padding: .125rem 0; }
  }
  @media (prefers-color-scheme: dark) {
    body { background: #121417; color: #e8eaed; }
    main { background: #1d2226; box-shadow: 0 0 0 1px rgb(255 255 255 / .1); }
    caption { color: #aab0b6; }
    th, td, tr { border-color: #3a4046; }
    a { color: #8ab4f8; }
  }`;

function page(title: string, body: string): string {
  return htmlPage(title, STYLES, body);
}
