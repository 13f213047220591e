/**
 * Every browser test fails on an uncaught error in the page and on a console error, except API
 * answers it declared (test/helpers/browser.ts): shown here on a real page of the app.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowApiError,
  launchBrowser,
  openPage,
  startServer,
  takePageErrors,
  type BrowserServer,
  type Member,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;
let ivy: Member;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ivy = await server.signUp('Ivy Inspector');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function homePage() {
  const opened = await openPage(browser, server, ivy);
  await opened.page.goto('/');
  await opened.page.getByRole('heading', { name: /Welcome, Ivy/ }).waitFor();
  return opened;
}

describe('the browser helper watches the page', () => {
  // Everything this test checks goes right; only the page's error makes it fail.
  it.fails('fails a test whose page threw, even when everything it checked went right', async () => {
    const { context, page } = await homePage();
    const thrown = page.waitForEvent('pageerror');
    await page.evaluate(`setTimeout(() => { throw new Error('unnoticed'); })`);
    await thrown;
    await page.getByRole('heading', { name: /Welcome, Ivy/ }).waitFor();
    await context.close();
  });

  it('reports an uncaught error thrown in the page', async () => {
    const { context, page } = await homePage();
    const thrown = page.waitForEvent('pageerror');
    await page.evaluate(`setTimeout(() => { throw new Error('the widget fell over'); })`);
    await thrown;
    expect(takePageErrors(page)).toEqual([expect.stringContaining('the widget fell over')]);
    await context.close();
  });

  it('reports a console error the app logs', async () => {
    const { context, page } = await homePage();
    const logged = page.waitForEvent('console', (m) => m.type() === 'error');
    await page.evaluate(`console.error('could not draw the chart')`);
    await logged;
    expect(takePageErrors(page)).toEqual(['console error: could not draw the chart']);
    await context.close();
  });

  it('reports an API error answer the test did not declare, and lets a declared one pass', async () => {
    const { context, page } = await homePage();
    const fetchMissing = `fetch('/api/v1/members/no-such-member').then((r) => r.status)`;
    const failed = () => page.waitForEvent('console', (m) => m.type() === 'error');

    let logged = failed();
    expect(await page.evaluate(fetchMissing)).toBe(404);
    await logged;
    expect(takePageErrors(page)).toEqual([
      expect.stringMatching(/status of 404 .*\/api\/v1\/members\/no-such-member/),
    ]);

    // Declared by status and path: a 404 there is what the test wants, a 403 would still count.
    allowApiError(page, { status: 404, path: /^\/members\// });
    logged = failed();
    expect(await page.evaluate(fetchMissing)).toBe(404);
    await logged;
    expect(takePageErrors(page)).toEqual([]);
    await context.close();
  });

  it('lets the app learn it is signed out (401 from /me) without counting it as a fault', async () => {
    const { context, page } = await openPage(browser, server, null);
    const probed = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.status() === 401);
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await probed;
    expect(takePageErrors(page)).toEqual([]);
    await context.close();
  });
});
