/** The search results page (/search?q=): reached by Enter in the top bar's box, paged, never yourself. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHONE,
  expectAccessible,
  expectCount,
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

describe('search results page', () => {
  it('Enter shows every match, 20 at a time, and leaves the searcher out', async () => {
    const me = await server.signUp('Quinn Searcher');
    const names = Array.from({ length: 25 }, (_, i) => `Quinn ${String(i + 1).padStart(2, '0')} Other`);
    for (const name of names) await server.signUp(name);
    const { context, page } = await openPage(browser, server, me);
    await page.goto('/');
    await page.getByRole('heading', { name: /Welcome, Quinn/ }).waitFor();

    const box = page.getByRole('searchbox', { name: 'Search', exact: true });
    await box.fill('quinn');
    // The dropdown offers a few; Enter goes to all of them, not to the first one.
    const dropdown = page.getByRole('list', { name: 'Search results', exact: true });
    await expectCount(dropdown.getByRole('link', { name: /Other/ }), 8);
    await box.press('Enter');
    await page.waitForURL('**/search?q=quinn');
    await page.getByRole('heading', { level: 1, name: 'Search results for “quinn”' }).waitFor();
    await expectText(page.getByRole('main'), '25 people');
    const results = page.getByRole('list', { name: 'Search results for “quinn”' });
    await expectCount(results.getByRole('listitem'), 20);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expectCount(results.getByRole('listitem'), 25);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    const shown = await results.getByRole('link').allTextContents();
    expect(shown).toEqual(names);
    expect(shown).not.toContain('Quinn Searcher');
    await expectAccessible(page, 'search results page');

    // The dropdown's last entry leads to the same page.
    await page.goto('/');
    await box.fill('quinn 1');
    await page.getByRole('link', { name: 'See all results' }).click();
    await page.waitForURL('**/search?q=quinn%201');
    await expectText(page.getByRole('main'), '10 people');

    // A result opens the profile.
    await page.goto('/search?q=quinn');
    await results.getByRole('link', { name: 'Quinn 07 Other' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quinn 07 Other' }).waitFor();
    await context.close();
  });

  it('says so when nothing matches, on a phone too', async () => {
    const me = await server.signUp('Lonely Searcher');
    const { context, page } = await openPage(browser, server, me, PHONE);
    await page.goto('/search?q=nobody%20at%20all');
    await page.getByText('No members match “nobody at all”').waitFor();
    await expectAccessible(page, 'empty search results');
    // Searching one's own name finds no one: yourself is left out.
    await page.goto('/search?q=lonely%20searcher');
    await page.getByText('No members match “lonely searcher”').waitFor();
    await context.close();
  });
});
