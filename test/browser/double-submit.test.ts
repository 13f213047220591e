/**
 * Issue 12 item 8: a double-click (or a second Enter) on an action sends ONE request, and what
 * the page then says is what that one action achieved. Each test double-clicks a button and
 * counts the requests the page sent to its endpoint.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCount,
  expectStatus,
  launchBrowser,
  openPage,
  startServer,
  type BrowserServer,
  type Member,
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

/** Counts the page's requests with `method` whose path (after /api/v1) matches `path`. */
function countRequests(page: Page, method: string, path: RegExp): () => number {
  let n = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === method && path.test(url.pathname.replace(/^\/api\/v1/, ''))) n += 1;
  });
  return () => n;
}

async function people(...names: string[]): Promise<Member[]> {
  return Promise.all(names.map((name) => server.signUp(name)));
}

const sentList = (page: Page) => page.getByRole('list', { name: 'Sent invitations' });
const receivedList = (page: Page) => page.getByRole('list', { name: 'Received invitations' });

describe('a double-click sends one request', () => {
  it('Join on the sign-up form signs up once and lands signed in, without "already exists"', async () => {
    const { context, page } = await openPage(browser, server, null);
    const signups = countRequests(page, 'POST', /^\/auth\/signup$/);
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Dora Double');
    await page.getByLabel('Email').fill('dora.double@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Join' }).dblclick();
    await page.getByRole('heading', { name: /Welcome, Dora/ }).waitFor();
    expect(signups()).toBe(1);
    expect(await page.getByRole('main').textContent()).not.toContain('already exists');
    await context.close();
  });

  it('Sign in signs in once', async () => {
    const [sid] = await people('Sid Signin');
    const { context, page } = await openPage(browser, server, null);
    const logins = countRequests(page, 'POST', /^\/auth\/login$/);
    await page.goto('/login');
    await page.getByLabel('Email').fill(sid!.email);
    await page.getByLabel('Password').fill(sid!.password);
    await page.getByRole('button', { name: 'Sign in' }).dblclick();
    await page.getByRole('heading', { name: /Welcome, Sid/ }).waitFor();
    expect(logins()).toBe(1);
    await context.close();
  });

  it('Withdraw in the bulk dialog withdraws once and says what this action withdrew', async () => {
    const [wes, a, b] = await people('Wes Withdrawer', 'Ann Invited', 'Ben Invited');
    await server.invite(wes!, a!);
    await server.invite(wes!, b!);
    const { context, page } = await openPage(browser, server, wes!);
    const bulk = countRequests(page, 'POST', /^\/invitations\/withdraw$/);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 2);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Withdraw selected (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw 2 invitations?' });
    await dialog.getByRole('button', { name: 'Withdraw' }).dblclick();
    await expectStatus(page, '2 invitations withdrawn');
    expect(await page.getByRole('status').textContent()).not.toContain('no longer pending');
    await page.getByText('No pending invitations').waitFor();
    expect(bulk()).toBe(1);
    await context.close();
  });

  it('Withdraw in the single dialog withdraws once', async () => {
    const [val, c] = await people('Val Single', 'Cid Invited');
    await server.invite(val!, c!);
    const { context, page } = await openPage(browser, server, val!);
    const withdrawals = countRequests(page, 'POST', /^\/invitations\/[^/]+\/withdraw$/);
    await page.goto('/mynetwork/invitation-manager/sent');
    await sentList(page).getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw invitation?' });
    await dialog.getByRole('button', { name: 'Withdraw' }).dblclick();
    await expectStatus(page, 'Invitation withdrawn');
    await page.getByText('No pending invitations').waitFor();
    expect(withdrawals()).toBe(1);
    await context.close();
  });

  it('Withdraw older withdraws once and reports the count', async () => {
    const [olga, d, e] = await people('Olga Older', 'Dan Old', 'Eve Old');
    await server.clock.daysAgo(40, async () => {
      await server.invite(olga!, d!);
      await server.invite(olga!, e!);
    });
    const { context, page } = await openPage(browser, server, olga!);
    const bulk = countRequests(page, 'POST', /^\/invitations\/withdraw$/);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 2);
    await page.getByRole('button', { name: 'Withdraw older' }).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Withdraw 2 invitations?' });
    await dialog.getByRole('button', { name: 'Withdraw' }).dblclick();
    await expectStatus(page, '2 invitations withdrawn');
    await page.getByText('No pending invitations').waitFor();
    expect(bulk()).toBe(1);
    await context.close();
  });

  it('Accept on a received row accepts once, with no error on the page', async () => {
    const [ria, f] = await people('Ria Receiver', 'Fay Sender');
    await server.invite(f!, ria!);
    const { context, page } = await openPage(browser, server, ria!);
    const accepts = countRequests(page, 'POST', /^\/invitations\/[^/]+\/accept$/);
    await page.goto('/mynetwork/invitation-manager/received');
    await receivedList(page).getByRole('button', { name: 'Accept' }).dblclick();
    await expectStatus(page, 'You and Fay Sender are now connected');
    await page.getByText('No pending invitations').waitFor();
    expect(accepts()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('Accept selected accepts once and says how many this action accepted', async () => {
    const [rex, g, h] = await people('Rex Bulk', 'Gus Sender', 'Hal Sender');
    await server.invite(g!, rex!);
    await server.invite(h!, rex!);
    const { context, page } = await openPage(browser, server, rex!);
    const bulk = countRequests(page, 'POST', /^\/invitations\/accept$/);
    await page.goto('/mynetwork/invitation-manager/received');
    await expectCount(receivedList(page).getByRole('listitem'), 2);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Accept selected (2)' }).dblclick();
    await expectStatus(page, '2 invitations accepted');
    expect(await page.getByRole('status').textContent()).not.toContain('no longer pending');
    expect(bulk()).toBe(1);
    await context.close();
  });

  it('Send in the Connect dialog sends one invitation, with no "already pending"', async () => {
    const [sam, ivy] = await people('Sam Connect', 'Ivy Profile');
    const { context, page } = await openPage(browser, server, sam!);
    const sends = countRequests(page, 'POST', /^\/invitations$/);
    await page.goto(`/in/${ivy!.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Hello twice?');
    await dialog.getByRole('button', { name: 'Send' }).dblclick();
    await expectStatus(page, 'Invitation sent');
    await page.getByRole('button', { name: 'Pending' }).waitFor();
    expect(sends()).toBe(1);
    await context.close();
  });

  it('Block in its confirmation blocks once', async () => {
    const [bo, jo] = await people('Bo Blocker', 'Jo Blocked');
    const { context, page } = await openPage(browser, server, bo!);
    const blocks = countRequests(page, 'POST', /^\/blocks$/);
    await page.goto(`/in/${jo!.id}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Block' }).click();
    await page
      .getByRole('dialog', { name: 'Block Jo Blocked?' })
      .getByRole('button', { name: 'Block' })
      .dblclick();
    await expectStatus(page, 'Jo Blocked is blocked');
    expect(blocks()).toBe(1);
    await context.close();
  });

  it('Remove in its confirmation removes once, with no error', async () => {
    const [ray, kim] = await people('Ray Remover', 'Kim Connected');
    const id = await server.invite(kim!, ray!);
    await server.api(ray!, 'POST', `/invitations/${id}/accept`);
    const { context, page } = await openPage(browser, server, ray!);
    const removals = countRequests(page, 'DELETE', /^\/connections\/[^/]+$/);
    await page.goto(`/in/${kim!.id}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Remove connection' }).click();
    await page
      .getByRole('dialog', { name: 'Remove connection?' })
      .getByRole('button', { name: 'Remove' })
      .dblclick();
    await expectStatus(page, 'Connection removed');
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    expect(removals()).toBe(1);
    await context.close();
  });

  it('Save settings saves once', async () => {
    const [sue] = await people('Sue Settings');
    const { context, page } = await openPage(browser, server, sue!);
    const saves = countRequests(page, 'PATCH', /^\/settings$/);
    await page.goto('/settings');
    await page.getByRole('radio', { name: /Only people who know my email address/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).dblclick();
    await expectStatus(page, 'Settings saved');
    expect(saves()).toBe(1);
    await context.close();
  });
});
