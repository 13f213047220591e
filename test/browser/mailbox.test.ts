/**
 * N2 without a mail server: the demo mailbox lists the .eml files the mail worker wrote, shows
 * each email, and its link leads to the Received tab — which, after a withdrawal, reads exactly
 * as it did before there was ever an invitation.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL_DELAY_MS, DEMO_LOGIN, loadDemoNetwork } from '../../src/commands/loadDemoNetwork.js';
import { mailboxTransport, type MailTransport } from '../../src/email/transport.js';
import { createMailWorker, type MailWorker } from '../../src/jobs/mailWorker.js';
import {
  expectAccessible,
  expectCount,
  expectText,
  launchBrowser,
  openPage,
  PHONE,
  startServer,
  type BrowserServer,
} from '../helpers/browser.js';
import { GRACE } from '../helpers/mail.js';

let server: BrowserServer;
let browser: Browser;
let dir: string;
let transport: MailTransport;
let worker: MailWorker;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-mailbox-'));
  [server, browser] = await Promise.all([startServer({ demo: true, mailDir: dir }), launchBrowser()]);
  transport = mailboxTransport(dir);
  worker = createMailWorker(server.deps, { transport, publicUrl: server.baseUrl });
});

afterAll(async () => {
  transport?.close();
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Clicks the link `name` and returns the page it opened (the same one, or a new tab). */
async function follow(page: Page, name: string): Promise<Page> {
  const opened = page
    .context()
    .waitForEvent('page', { timeout: 2000 })
    .catch(() => page);
  await page.getByRole('link', { name }).click();
  const next = await opened;
  await next.waitForLoadState();
  return next;
}

/** Everything the page says to a reader, once the list has settled. */
async function pageText(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  return page.evaluate('document.title + "\\n" + document.body.innerText') as Promise<string>;
}

describe('N2 the demo mailbox', () => {
  it('the demo network’s first emails arrive within seconds; the mailbox shows one and its button leads to the Received tab', async () => {
    await loadDemoNetwork(server.deps);
    // Before their (short) due time nothing is written; after it, the worker writes them.
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    server.clock.offset += DEMO_EMAIL_DELAY_MS;
    expect(await worker.runOnce()).toMatchObject({ sent: 2 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

    const { context, page } = await openPage(browser, server, null, PHONE);
    await page.goto('/mailbox');
    await page.getByRole('heading', { level: 1, name: 'Demo mailbox' }).waitFor();
    await expectText(page.getByRole('main'), dir);
    const rows = page.getByRole('row');
    await expectCount(rows, 3);
    await expectAccessible(page, 'demo mailbox');
    await page.getByRole('link', { name: 'Mateo García wants to connect', exact: true }).click();

    // The email as a mail client shows it: its heading, no note quoted, a button to the tab.
    await page.getByRole('heading', { name: 'Mateo García wants to connect' }).waitFor();
    expect(await page.getByText('loved your talk').count()).toBe(0);
    // Like a webmail's, the button opens the app in a new tab.
    const app = await follow(page, 'See invitation');

    // Signed out: the sign-in page first, then the Received tab with Mateo's invitation.
    await app.waitForURL('**/login');
    await app.getByRole('textbox', { name: 'Email' }).fill(DEMO_LOGIN.email);
    await app.getByLabel('Password').fill(DEMO_LOGIN.password);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await app.waitForURL('**/mynetwork/invitation-manager/received');
    await expectText(app.getByRole('main'), 'Mateo García');
    await context.close();
  });

  it('an unknown or malformed email id is a 404, never a file outside the mailbox', async () => {
    for (const path of [
      '/mailbox/01234567-89ab-7def-8123-456789abcdef',
      '/mailbox/..%2F..%2Fpackage.json',
      '/mailbox/x/eml',
    ]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('N2 I5 the email’s link after a withdrawal', () => {
  it('leads to a Received tab that reads exactly as before there was ever an invitation', async () => {
    const [ada, bob] = await Promise.all([server.signUp('Ada Lovelace'), server.signUp('Bob Babbage')]);
    const { context, page } = await openPage(browser, server, bob);
    await page.goto('/mynetwork/invitation-manager/received');
    const before = await pageText(page);

    const id = await server.invite(ada, bob, 'A note only Bob would know');
    server.clock.offset += GRACE;
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    // After the email left, Ada withdraws; Bob opens the email from the mailbox later.
    await server.api(ada, 'POST', `/invitations/${id}/withdraw`, undefined, 204);
    await page.goto('/mailbox');
    await page.getByRole('link', { name: 'Ada Lovelace wants to connect', exact: true }).click();
    const app = await follow(page, 'See invitation');
    await app.waitForURL('**/mynetwork/invitation-manager/received');
    const after = await pageText(app);
    expect(after).toBe(before);
    for (const trace of ['Ada', 'withdrawn', 'no longer', 'A note only Bob would know'])
      expect(after).not.toContain(trace);
    await context.close();
  });
});
