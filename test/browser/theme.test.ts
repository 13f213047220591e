/**
 * Dark mode: the app follows the system's prefers-color-scheme, and the Me menu's Dark mode
 * switch overrides it, remembered in this browser across reloads. (Axe runs on every page in
 * both schemes in pages.test.ts.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, openPage, startServer, type BrowserServer } from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's background as the person sees it: dark when every channel is under 64. */
async function looksDark(page: Page): Promise<boolean> {
  const color = (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
  return r! < 64 && g! < 64 && b! < 64;
}

async function darkModeSwitch(page: Page) {
  await page.getByRole('button', { name: 'Me' }).click();
  return page.getByRole('menuitemcheckbox', { name: 'Dark mode' });
}

describe('dark mode', () => {
  it('follows the system, on the sign-in page and signed in', async () => {
    const me = await server.signUp('Dana Dark');
    const signedOut = await openPage(browser, server, null, undefined, 'dark');
    await signedOut.page.goto('/login');
    await signedOut.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await looksDark(signedOut.page)).toBe(true);
    await signedOut.context.close();

    const { context, page } = await openPage(browser, server, me, undefined, 'dark');
    await page.goto('/mynetwork');
    await page.getByRole('heading', { level: 1, name: 'My Network' }).waitFor();
    expect(await looksDark(page)).toBe(true);
    expect(await (await darkModeSwitch(page)).getAttribute('aria-checked')).toBe('true');
    await context.close();
  });

  it('the Me menu switch turns it on over a light system, and it is remembered', async () => {
    const me = await server.signUp('Lou Light');
    const { context, page } = await openPage(browser, server, me, undefined, 'light');
    await page.goto('/');
    await page.getByRole('heading', { name: /Welcome, Lou/ }).waitFor();
    expect(await looksDark(page)).toBe(false);

    const toggle = await darkModeSwitch(page);
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await eventually(async () => expect(await looksDark(page)).toBe(true));
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    // Remembered: a reload, and another page of this browser, open dark.
    await page.reload();
    await page.getByRole('heading', { name: /Welcome, Lou/ }).waitFor();
    expect(await looksDark(page)).toBe(true);
    const other = await context.newPage();
    await other.goto('/settings');
    await other.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await looksDark(other)).toBe(true);

    // Switched off again: light, and still light after a reload.
    await (await darkModeSwitch(page)).click();
    await eventually(async () => expect(await looksDark(page)).toBe(false));
    await page.reload();
    await page.getByRole('heading', { name: /Welcome, Lou/ }).waitFor();
    expect(await looksDark(page)).toBe(false);
    await context.close();
  });
});
