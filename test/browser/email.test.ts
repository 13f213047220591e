/** N2 in the web app: the email switches of the settings. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectStatus,
  launchBrowser,
  openPage,
  PHONE,
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

type Email = { invitationReceived: boolean; invitationAccepted: boolean; reminders: boolean };

describe('N2 email settings page', () => {
  it('each switch saves at once, only its own kind, and the page shows what the server holds', async () => {
    const ada = await server.signUp('Ada Lovelace');
    const { context, page } = await openPage(browser, server, ada, PHONE);
    await page.goto('/settings');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Email' }).click();
    await page.waitForURL('**/settings/email');
    await page.getByRole('heading', { level: 1, name: 'Email' }).waitFor();

    const received = page.getByRole('switch', { name: 'New invitations' });
    const accepted = page.getByRole('switch', { name: 'Accepted invitations' });
    const reminders = page.getByRole('switch', { name: 'Reminders' });
    await received.waitFor();
    expect([await received.isChecked(), await accepted.isChecked(), await reminders.isChecked()]).toEqual([
      true,
      true,
      true,
    ]);
    await expectAccessible(page, 'email settings');

    await reminders.click();
    await expectStatus(page, 'Reminders emails off');
    const settings = async () => (await server.api<{ email: Email }>(ada, 'GET', '/settings')).email;
    expect(await settings()).toEqual({
      invitationReceived: true,
      invitationAccepted: true,
      reminders: false,
    });

    // The label is the switch's name: clicking it toggles too.
    await page.getByText('New invitations', { exact: true }).click();
    await expectStatus(page, 'New invitations emails off');
    expect(await settings()).toEqual({
      invitationReceived: false,
      invitationAccepted: true,
      reminders: false,
    });

    // A change made elsewhere (a one-click unsubscribe) shows after a reload; and the page does
    // not show more than the server holds.
    await server.api(ada, 'PATCH', '/settings', { email: { invitationAccepted: false, reminders: true } });
    await page.reload();
    await received.waitFor();
    expect([await received.isChecked(), await accepted.isChecked(), await reminders.isChecked()]).toEqual([
      false,
      false,
      true,
    ]);

    // Saving the invitation settings sends only theirs: a switch changed meanwhile elsewhere (in
    // another tab, by a one-click unsubscribe) stays as it was changed.
    await page.goto('/settings');
    await page.getByRole('radio', { name: /Only people who know my email address/ }).check();
    await server.api(ada, 'PATCH', '/settings', { email: { invitationReceived: true } });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectStatus(page, 'Settings saved');
    expect(await settings()).toEqual({
      invitationReceived: true,
      invitationAccepted: false,
      reminders: true,
    });
    expect((await server.api<{ whoCanInvite: string }>(ada, 'GET', '/settings')).whoCanInvite).toBe(
      'email_required',
    );
    await context.close();
  });
});
