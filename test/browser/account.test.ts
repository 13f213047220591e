/** A5: your own account in the web app — edit the profile, change the password, sign out everywhere, delete. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowApiError,
  expectAccessible,
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

describe('A5 the account page', () => {
  it('edits the name and headline from the own profile’s Edit button; the new name shows at once', async () => {
    const [ada, bob] = await Promise.all([server.signUp('Ada Lovelace'), server.signUp('Bob Babbage')]);
    await server.invite(ada, bob);
    const { context, page } = await openPage(browser, server, ada);

    await page.goto(`/in/${ada.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    // The owner sees Edit, and can look at the page the way others do (no owner-only buttons).
    const asOthers = page.getByRole('button', { name: 'View as others see it' });
    await asOthers.click();
    expect(await asOthers.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await expectText(page.getByRole('main'), 'This is how other members see your profile');
    await asOthers.click();
    await page.getByRole('link', { name: 'Edit' }).click();

    await page.waitForURL('**/settings/account');
    await expectAccessible(page, 'account page');
    const name = page.getByRole('textbox', { name: 'Name' });
    expect(await name.inputValue()).toBe('Ada Lovelace');
    await name.fill('Ada King');
    await page.getByRole('textbox', { name: 'Headline' }).fill('Countess of Lovelace');

    // Leaving with unsaved changes asks first.
    await page.getByRole('link', { name: 'Invitations', exact: true }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay' }).click();
    expect(await name.inputValue()).toBe('Ada King');

    await page.getByRole('button', { name: 'Save' }).click();
    await expectStatus(page, 'Profile saved');
    // The Me menu (from the cached /me) and the profile show the new name, without a reload.
    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('menuitem', { name: 'View Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada King' }).waitFor();
    await expectText(page.getByRole('main'), 'Countess of Lovelace');
    // And the other side sees it too.
    const received = await server.api<{ items: { sender: { name: string } }[] }>(
      bob,
      'GET',
      '/invitations/received',
    );
    expect(received.items[0]?.sender.name).toBe('Ada King');

    // A name the server refuses stays in the form with the reason.
    allowApiError(page, { status: 400, path: '/me' });
    await page.goto('/settings/account');
    await name.fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByRole('alert'), /must not be empty|valid/);
    await context.close();
  });

  it('changes the password: a wrong current password says so and keeps the session; the new one works', async () => {
    const cy = await server.signUp('Cy Changer');
    const { context, page } = await openPage(browser, server, cy);
    await page.goto('/settings/account');
    allowApiError(page, { status: 401, path: '/me/password' });
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a much better secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectText(page.getByRole('alert'), 'current password is wrong');
    expect(page.url()).toContain('/settings/account');

    await page.getByLabel('Current password').fill(cy.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStatus(page, 'Password changed');
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: cy.email, password: 'a much better secret' },
    });
    expect(login.statusCode).toBe(200);
    // This browser is still signed in.
    await page.goto('/');
    await page.getByRole('heading', { name: /Welcome, Cy/ }).waitFor();
    await context.close();
  });

  it('signs out everywhere: this browser lands on the sign-in page and its session is gone', async () => {
    const dee = await server.signUp('Dee Everywhere');
    const { context, page } = await openPage(browser, server, dee);
    await page.goto('/settings/account');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page
      .getByRole('dialog', { name: 'Sign out everywhere?' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const me = await server.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${dee.token}` },
    });
    expect(me.statusCode).toBe(401);
    await context.close();
  });

  it('deletes the account only after the password is confirmed', async () => {
    const [eve, fay] = await Promise.all([server.signUp('Eve Leaving'), server.signUp('Fay Staying')]);
    await server.invite(eve, fay, 'Hello Fay');
    const { context, page } = await openPage(browser, server, eve);
    await page.goto('/settings/account');
    await page.getByRole('button', { name: 'Delete account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.waitFor();
    await expectAccessible(page, 'delete account dialog');
    await dialog.getByLabel('Password').fill('wrong password');
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await expectText(dialog.getByRole('alert'), /wrong|password/i);
    const still = await server.api<{ items: unknown[] }>(fay, 'GET', '/invitations/received');
    expect(still.items).toHaveLength(1);

    await dialog.getByLabel('Password').fill(eve.password);
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const after = await server.api<{ items: unknown[] }>(fay, 'GET', '/invitations/received');
    expect(after.items).toEqual([]);
    await context.close();
  });
});
