/** Profiles (remove connection, block), settings (who can invite, auto-withdraw, unblock), search, sign out. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowApiError,
  expectCount,
  expectStatus,
  expectText,
  launchBrowser,
  openPage,
  startServer,
  type BrowserServer,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a member’s profile', () => {
  it('removes a connection from the More menu, silently, and Connect comes back', async () => {
    const [rob, cleo] = await Promise.all([server.signUp('Rob Remover'), server.signUp('Cleo Connected')]);
    const id = await server.invite(cleo, rob);
    await server.api(rob, 'POST', `/invitations/${id}/accept`);
    const { context, page } = await openPage(browser, server, rob);

    await page.goto(`/in/${cleo.id}`);
    await page.getByRole('heading', { level: 1, name: 'Cleo Connected' }).waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    await expectText(page.getByRole('main'), '1 connection');
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Remove connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove connection?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expectStatus(page, 'Connection removed');
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    await expectText(page.getByRole('main'), '0 connections');

    const notifications = await server.api<{ items: { type: string }[] }>(cleo, 'GET', '/notifications');
    expect(notifications.items.map((n) => n.type)).not.toContain('connection_removed');
    await context.close();
  });

  it('blocks from the More menu, and unblocks in Settings', async () => {
    const [bea, max] = await Promise.all([server.signUp('Bea Blocker'), server.signUp('Max Blocked')]);
    await server.invite(max, bea, 'Hi!');
    const { context, page } = await openPage(browser, server, bea);

    await page.goto(`/in/${max.id}`);
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    await page.getByRole('button', { name: 'Ignore' }).waitFor();
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Block' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block Max Blocked?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Block' }).click();
    await expectStatus(page, 'Max Blocked is blocked');
    await page.getByRole('heading', { name: 'You blocked Max Blocked' }).waitFor();

    // The invitation went with the block, and search no longer finds them.
    await page.getByRole('link', { name: /^My Network\b/ }).click();
    await page.getByRole('link', { name: 'Manage' }).click();
    await page.getByText('No pending invitations').waitFor();
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Max Blo');
    await page.getByText('No members match').waitFor();

    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    const blocked = page.getByRole('list', { name: 'Blocked members' });
    await blocked
      .getByRole('listitem')
      .filter({ hasText: 'Max Blocked' })
      .getByRole('button', { name: 'Unblock' })
      .click();
    await expectStatus(page, 'Max Blocked is unblocked');
    await page.getByText('You haven’t blocked anyone.').waitFor();

    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Max Blo');
    await page.getByRole('link', { name: /Max Blocked/ }).click();
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    await context.close();
  });
});

describe('settings and the top bar', () => {
  it('saves who can invite and auto-withdraw, finds members, and signs out', async () => {
    const [sue, tom] = await Promise.all([server.signUp('Sue Settings'), server.signUp('Tom Findable')]);
    const { context, page } = await openPage(browser, server, sue);
    await page.goto('/settings');

    const whoCanInvite = page.getByRole('radiogroup', { name: 'Who can send you invitations' });
    await whoCanInvite.getByRole('radio', { name: /Only people who know my email address/ }).check();
    await page.getByRole('combobox', { name: 'Auto-withdraw' }).selectOption({ label: 'After 30 days' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectStatus(page, 'Settings saved');
    const saved = await server.api(sue, 'GET', '/settings');
    expect(saved).toEqual({
      whoCanInvite: 'email_required',
      autoWithdrawAfterDays: 30,
      email: { invitationReceived: true, invitationAccepted: true, reminders: true },
    });
    await page.reload();
    expect(await page.getByRole('radio', { name: /Only people who know my email address/ }).isChecked()).toBe(
      true,
    );

    const search = page.getByRole('searchbox', { name: 'Search', exact: true });
    await search.fill('tom find');
    await page.getByRole('link', { name: /Tom Findable/ }).click();
    await page.waitForURL(`**/in/${tom.id}`);
    await page.getByRole('heading', { level: 1, name: 'Tom Findable' }).waitFor();

    await page.getByRole('button', { name: 'Me' }).click();
    await expectCount(page.getByRole('menuitem'), 3);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/mynetwork');
    await page.waitForURL('**/login');
    await context.close();
  });

  it('joins through the sign-up form', async () => {
    const { context, page } = await openPage(browser, server, null);
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Nina Newcomer');
    await page.getByLabel('Headline').fill('Engineer at Example');
    await page.getByLabel('Email').fill('nina.newcomer@example.test');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Join' }).click();
    // The browser's own check stops an 8-character minimum first; a longer one goes through.
    await page.getByLabel('Password').fill('long enough password');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Welcome, Nina' }).waitFor();
    await context.close();
  });
});

describe('a deployment with a resend cooldown (I12)', () => {
  it('warns in the withdraw dialog, then says on the profile when inviting is possible again', async () => {
    const cooled = await startServer({ resendCooldownDays: 21 });
    try {
      const [wes, zoe] = await Promise.all([cooled.signUp('Wes Withdrawer'), cooled.signUp('Zoe Zero')]);
      await cooled.invite(wes, zoe);
      const { context, page } = await openPage(browser, cooled, wes);
      await page.goto('/mynetwork/invitation-manager/sent');
      await page
        .getByRole('listitem')
        .filter({ hasText: 'Zoe Zero' })
        .getByRole('button', { name: 'Withdraw' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Withdraw invitation?' });
      await expectText(dialog, 'You won’t be able to invite Zoe Zero again for 21 days');
      await dialog.getByRole('button', { name: 'Withdraw' }).click();
      await expectStatus(page, 'Invitation withdrawn');

      await page.goto(`/in/${zoe.id}`);
      await expectText(page.getByRole('main'), 'You can invite them again from');
      allowApiError(page, { status: 429, path: '/invitations' });
      await page.getByRole('button', { name: 'Connect' }).click();
      const connect = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
      await connect.getByRole('button', { name: 'Send' }).click();
      await expectText(connect.getByRole('alert'), 'try again in 21 days');
      await context.close();
    } finally {
      await cooled.close();
    }
  });
});
