/**
 * Rough edges a newcomer saw in the screenshots (issue 14), each checked the way a person would
 * notice it: what moves, what is there for nothing, what is asked for twice.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  allowApiError,
  expectCount,
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

async function leftOf(scope: Page | Locator, text: string): Promise<number> {
  const box = await scope.getByText(text, { exact: true }).first().boundingBox();
  if (!box) throw new Error(`${text} is not on the page`);
  return box.x;
}

describe('rough edges', () => {
  it('the signed-out page asks who I am once and fetches no favicon twice', async () => {
    const { context, page } = await openPage(browser, server, null);
    const paths: string[] = [];
    page.on('request', (request) => paths.push(new URL(request.url()).pathname));
    // The demo probe is the sign-in page's last request: once it has answered, all have been made.
    const demoAnswered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/demo');
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await demoAnswered;
    expect(paths.filter((p) => p === '/api/v1/me')).toHaveLength(1);
    expect(paths.filter((p) => p === '/favicon.svg').length).toBeLessThanOrEqual(1);
    await context.close();
  });

  it('an empty tab says so once, without Select all or Withdraw older', async () => {
    const me = await server.signUp('Ernie Empty');
    const { context, page } = await openPage(browser, server, me);
    for (const tab of ['received', 'sent']) {
      await page.goto(`/mynetwork/invitation-manager/${tab}`);
      await page.getByText('No pending invitations').waitFor();
      expect(await page.getByRole('main').textContent()).not.toContain('0 pending invitations');
      expect(await page.getByRole('checkbox', { name: 'Select all' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Withdraw older' }).count()).toBe(0);
    }
    await context.close();
  });

  it('selecting a sent row does not move "Withdraw all older than"', async () => {
    const me = await server.signUp('Selma Sender');
    for (const name of ['Sam One', 'Sue Two']) await server.invite(me, await server.signUp(name));
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page } = await openPage(browser, server, me, viewport);
      await page.goto('/mynetwork/invitation-manager/sent');
      await expectCount(page.getByRole('list', { name: 'Sent invitations' }).getByRole('listitem'), 2);
      const older = page.getByRole('combobox', { name: 'Withdraw all older than' });
      const before = await older.boundingBox();
      await page.getByRole('checkbox', { name: 'Select Sam One' }).check();
      await page.getByRole('button', { name: 'Withdraw selected (1)' }).waitFor();
      expect(await older.boundingBox()).toEqual(before);
      await context.close();
    }
  });

  it('My Network’s tiles and its hint are links, and the sidebar labels line up', async () => {
    const me = await server.signUp('Tia Tiles');
    const { context, page } = await openPage(browser, server, me);
    await page.goto('/mynetwork');
    await page.getByRole('link', { name: /^Invitations sent/ }).click();
    await page.waitForURL('**/mynetwork/invitation-manager/sent');
    await page.goBack();
    await page
      .getByRole('link', { name: /^Connections 0/ })
      .first()
      .click();
    await page.waitForURL('**/mynetwork/connections');
    await page.goBack();
    await page.getByRole('link', { name: 'Received and Sent tabs' }).click();
    await page.waitForURL('**/mynetwork/invitation-manager/received');

    await page.goto('/mynetwork');
    const sidebar = page.getByRole('complementary', { name: 'Manage my network' });
    await sidebar.waitFor();
    const x = await leftOf(sidebar, 'Invitations');
    expect(await leftOf(sidebar, 'Invitation insights')).toBe(x);
    expect(await leftOf(sidebar, 'Connections')).toBe(x);

    await page.goto('/');
    await page.getByRole('heading', { name: /Welcome, Tia/ }).waitFor();
    const links = page.getByRole('main');
    const home = await leftOf(links, 'Invitations received');
    expect(await leftOf(links, 'Connections')).toBe(home);
    await context.close();
  });

  it('a profile that is not there looks like a page that is not there', async () => {
    const me = await server.signUp('Nora Nowhere');
    const { context, page } = await openPage(browser, server, me);
    const missing = '00000000-0000-7000-8000-000000000000';
    allowApiError(page, { status: 404, path: `/members/${missing}` });
    const look = async (path: string, heading: string) => {
      await page.goto(path);
      const title = page.getByRole('heading', { level: 1, name: heading });
      await title.waitFor();
      const card = page.locator('section', { has: title });
      return {
        box: await card.boundingBox(),
        links: await card.getByRole('link').allTextContents(),
        font: await page.evaluate('getComputedStyle(document.querySelector("main h1")).fontSize'),
      };
    };
    const route = await look('/no/such/page', 'This page doesn’t exist');
    const profile = await look(`/in/${missing}`, 'This profile isn’t available');
    expect(profile.links).toEqual(route.links);
    expect(profile.font).toBe(route.font);
    expect({ x: profile.box?.x, width: profile.box?.width }).toEqual({
      x: route.box?.x,
      width: route.box?.width,
    });
    await context.close();
  });
});
