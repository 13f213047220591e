/**
 * Sending with a note, bulk withdrawal (selected rows and "older than"), ages, search and
 * paging in the Sent tab, and bulk accept in the Received tab.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowApiError,
  expectAccessible,
  eventually,
  expectCount,
  expectStatus,
  expectText,
  focusInfo,
  focusedTooltip,
  launchBrowser,
  openPage,
  startServer,
  type BrowserServer,
  type Member,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ invitesPerDay: 100 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sentList = (page: Page) => page.getByRole('list', { name: 'Sent invitations' });
const receivedList = (page: Page) => page.getByRole('list', { name: 'Received invitations' });
const rowOf = (list: Locator, name: string) => list.getByRole('listitem').filter({ hasText: name });

/** Signs up one member per name, in order: `const [ada, bob] = await people('Ada', 'Bob')`. */
async function people<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: Member }> {
  return (await Promise.all(names.map((name) => server.signUp(name)))) as { [K in keyof N]: Member };
}

describe('connecting with a note', () => {
  it('asks a restricted sender for the email up front, and says why', async () => {
    const [rex, sol] = await people('Rex Restricted', 'Sol Someone');
    const until = Date.now() + 14 * 86_400_000;
    await server.deps.db
      .updateTable('members')
      .set({ restricted_until: until })
      .where('id', '=', rex.id)
      .execute();
    const { context, page } = await openPage(browser, server, rex);
    await page.goto(`/in/${sol.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    const email = dialog.getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    await expectText(dialog, 'Many recent recipients did not know you, so until');
    await email.fill(sol.email);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Pending' }).waitFor();
    await context.close();
  });

  it('sends a 300-character note, and refuses 301 while keeping what was typed', async () => {
    const [nora, otto, pia] = await people('Nora Note', 'Otto Open', 'Pia Private');
    const { context, page } = await openPage(browser, server, nora);

    await page.goto(`/in/${otto.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    await dialog.waitFor();
    const note = dialog.getByRole('textbox', { name: 'Note' });
    expect((await focusInfo(page)).tag).toBe('TEXTAREA');
    await expectText(dialog, '0/300');

    // 301 characters: the counter turns to an error and Send explains instead of sending.
    const tooLong = 'I enjoyed your talk on distributed systems. '.repeat(7).slice(0, 301);
    await note.fill(tooLong);
    await expectText(dialog, '301/300');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectText(dialog.getByRole('alert'), 'Shorten it to 300');
    expect(await note.inputValue()).toBe(tooLong);
    expect(await dialog.isVisible()).toBe(true);

    // Down to exactly 300: it goes.
    await note.press('End');
    await note.press('Backspace');
    await expectText(dialog, '300/300');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectStatus(page, 'Invitation sent');
    await page.getByRole('button', { name: 'Pending' }).waitFor();
    const sent = await server.api<{ items: { message: string }[] }>(nora, 'GET', '/invitations/sent');
    expect(sent.items[0]?.message).toBe(tooLong.slice(0, 300).trim());

    // A member who accepts only senders who know their email: the profile says so, and the
    // dialog asks for it up front, with the reason; a wrong address marks the field.
    await server.api(pia, 'PATCH', '/settings', { whoCanInvite: 'email_required' });
    allowApiError(page, { status: 403, path: '/invitations' });
    await page.goto(`/in/${pia.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor();
    const email = dialog.getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    expect((await focusInfo(page)).tag).toBe('INPUT');
    const hintId = (await email.getAttribute('aria-describedby')) ?? '';
    await expectText(
      page.locator(`[id="${hintId}"]`),
      'Pia Private only accepts invitations from people who know their email address',
    );
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    await note.fill('Colleague from the Lisbon office.');
    await email.fill('wrong@example.test');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectText(dialog.getByRole('alert'), 'That is not Pia Private’s email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = ((await email.getAttribute('aria-describedby')) ?? '').split(' ');
    const errorId = await dialog.getByRole('alert').getAttribute('id');
    expect(describedBy).toContain(errorId);
    expect(await note.inputValue()).toBe('Colleague from the Lisbon office.');
    await expectAccessible(page, 'Connect dialog with a refused email');
    await email.fill(pia.email.toUpperCase());
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Pending' }).waitFor();

    // Pending opens the same Withdraw dialog as the Sent tab.
    await page.getByRole('button', { name: 'Pending' }).click();
    await page
      .getByRole('dialog', { name: 'Withdraw invitation?' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await expectStatus(page, 'Invitation withdrawn');
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    await context.close();
  });
});

describe('the Sent tab', () => {
  it('withdraws the selected rows in one go, after saying how many', async () => {
    const [sara, ...others] = await people('Sara Select', 'Abe One', 'Bea Two', 'Cal Three');
    for (const other of others) await server.invite(sara, other);
    const { context, page } = await openPage(browser, server, sara);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 3);

    await page.getByRole('checkbox', { name: 'Select Abe One' }).check();
    await page.getByRole('checkbox', { name: 'Select Cal Three' }).check();
    await page.getByRole('button', { name: 'Withdraw selected (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw 2 invitations?' });
    await dialog.waitFor();
    await expectText(dialog, 'Abe One');
    await expectText(dialog, 'Cal Three');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectStatus(page, '2 invitations withdrawn');
    await expectCount(sentList(page).getByRole('listitem'), 1);
    await rowOf(sentList(page), 'Bea Two').waitFor();
    await expectCount(page.getByRole('button', { name: /Withdraw selected/ }), 0);
    await context.close();
  });

  it('shows ages with the exact time, filters by age and name, and withdraws everything older than a month', async () => {
    const [olga, ...others] = await people(
      'Olga Old',
      'Ann Ancient',
      'Ben Bygone',
      'Tia Threeweeks',
      'Nia New',
    );
    const [ann, ben, tia, nia] = others as [Member, Member, Member, Member];
    await server.clock.daysAgo(40, () => server.invite(olga, ann));
    await server.clock.daysAgo(35, () => server.invite(olga, ben));
    await server.clock.daysAgo(21, () => server.invite(olga, tia));
    await server.invite(olga, nia);
    const { context, page } = await openPage(browser, server, olga);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 4);

    // Ages as a person says them, the exact date on hover (title) and on focus (tooltip).
    const age = rowOf(sentList(page), 'Tia Threeweeks').locator('time');
    await expectText(age, 'Sent 3 weeks ago');
    expect(await age.getAttribute('title')).toMatch(/\d{4}/);
    await age.focus();
    const tooltip = await focusedTooltip(page);
    expect(tooltip).toContain(String(new Date(Date.now() - 21 * 86_400_000).getFullYear()));
    await expectText(rowOf(sentList(page), 'Ann Ancient'), 'Sent 1 month ago');
    await expectText(rowOf(sentList(page), 'Nia New'), 'Sent just now');

    // Search by name, then clear.
    const search = page.getByRole('searchbox', { name: 'Search sent invitations' });
    await search.fill('ben');
    await expectCount(sentList(page).getByRole('listitem'), 1);
    await rowOf(sentList(page), 'Ben Bygone').waitFor();
    await search.fill('nobody at all');
    await page.getByText('No pending invitations').waitFor();
    await search.fill('');
    await expectCount(sentList(page).getByRole('listitem'), 4);

    // Only the old ones.
    await page.getByRole('combobox', { name: 'Age' }).selectOption({ label: 'Older than 1 month' });
    await expectCount(sentList(page).getByRole('listitem'), 2);
    await page.getByRole('combobox', { name: 'Age' }).selectOption({ label: 'All pending invitations' });
    await expectCount(sentList(page).getByRole('listitem'), 4);

    // Withdraw all older than one month.
    await page.getByRole('combobox', { name: 'Withdraw all older than' }).selectOption({ label: '1 month' });
    await page.getByRole('button', { name: 'Withdraw older' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw 2 invitations?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await expectStatus(page, '2 invitations withdrawn');
    await expectCount(sentList(page).getByRole('listitem'), 2);
    await rowOf(sentList(page), 'Tia Threeweeks').waitFor();
    await rowOf(sentList(page), 'Nia New').waitFor();

    // The whole history, withdrawn ones included, downloads as CSV from the insights page.
    await page.goto('/mynetwork/insights');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download your invitation history (CSV)' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('recipient_id,recipient_name,message,sent_at,outcome,ended_at');
    expect(csv.match(/withdrawn/g)).toHaveLength(2);
    await context.close();
  });

  it('pages with Show more and says so plainly when the tab is empty', async () => {
    const [paul, ...recipients] = await people(
      'Paul Pager',
      ...Array.from({ length: 23 }, (_, i) => `Member ${i + 1}`),
    );
    for (const recipient of recipients) await server.invite(paul, recipient);
    const { context, page } = await openPage(browser, server, paul);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 20);
    await expectText(page.getByText(/invitations left this week/), '77 of 100 invitations left this week');
    await page.getByRole('button', { name: 'Show more' }).click();
    await expectCount(sentList(page).getByRole('listitem'), 23);
    await expectCount(page.getByRole('button', { name: 'Show more' }), 0);

    await page.getByRole('tab', { name: /^Received/ }).click();
    await page.waitForURL('**/invitation-manager/received');
    await page.getByText('No pending invitations').waitFor();
    await context.close();
  });
});

describe('failures', () => {
  it('keeps the row, the dialog and the typed note when a request fails, and says why', async () => {
    const [fay, gus, hal] = await people('Fay Failure', 'Gus Gone', 'Hal Hopeful');
    await server.invite(fay, gus);
    const { context, page } = await openPage(browser, server, fay);

    // The network drops the withdrawal: the dialog stays open with the reason, the row stays.
    await page.goto('/mynetwork/invitation-manager/sent');
    await page.route('**/api/v1/invitations/*/withdraw', (route) => route.abort());
    allowApiError(page, { status: 'network', path: /^\/invitations\/[^/]+\/withdraw$/ });
    await rowOf(sentList(page), 'Gus Gone').getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw invitation?' });
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await expectText(dialog.getByRole('alert'), 'Couldn’t reach Rapport');
    await rowOf(sentList(page), 'Gus Gone').waitFor();
    await page.unroute('**/api/v1/invitations/*/withdraw');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await expectStatus(page, 'Invitation withdrawn');
    await rowOf(sentList(page), 'Gus Gone').waitFor({ state: 'detached' });

    // The server refuses the invitation (weekly limit): its reason and when to retry; the note stays.
    allowApiError(page, { status: 429, path: '/invitations' });
    await page.route('**/api/v1/invitations', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '7200' },
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Too many invitations',
          status: 429,
          detail: 'You have sent as many invitations as you may this week.',
          code: 'invitation_limit_reached',
        }),
      }),
    );
    await page.goto(`/in/${hal.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const connect = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    await connect.getByRole('textbox', { name: 'Note' }).fill('We met at the harbour conference.');
    await connect.getByRole('button', { name: 'Send' }).click();
    await expectText(connect.getByRole('alert'), 'as many invitations as you may this week');
    await expectText(connect.getByRole('alert'), 'try again in 2 hours');
    expect(await connect.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'We met at the harbour conference.',
    );
    await context.close();
  });
});

describe('the Received tab', () => {
  it('accepts the selected invitations at once, and ignores one', async () => {
    const [rae, ...senders] = await people(
      'Rae Receiver',
      'Hal Hello',
      'Ivy Invite',
      'Jon Join',
      'Kim Knock',
    );
    for (const sender of senders) await server.invite(sender, rae, `Hello from ${sender.name}`);
    const { context, page } = await openPage(browser, server, rae);
    await page.goto('/mynetwork/invitation-manager/received');
    await expectCount(receivedList(page).getByRole('listitem'), 4);
    await expectText(rowOf(receivedList(page), 'Ivy Invite'), 'Hello from Ivy Invite');
    await expectText(rowOf(receivedList(page), 'Ivy Invite'), 'Received just now');

    await page.getByRole('checkbox', { name: 'Select Hal Hello' }).check();
    await page.getByRole('checkbox', { name: 'Select Jon Join' }).check();
    await page.getByRole('button', { name: 'Accept selected (2)' }).click();
    await expectStatus(page, '2 invitations accepted');
    await expectCount(receivedList(page).getByRole('listitem'), 2);
    await expectText(page.getByRole('tab', { name: /^Received/ }), 'Received (2)');

    await rowOf(receivedList(page), 'Kim Knock').getByRole('button', { name: 'Ignore' }).click();
    await expectStatus(page, 'Invitation ignored');
    await rowOf(receivedList(page), 'Ivy Invite').getByRole('button', { name: 'Accept' }).click();
    await expectStatus(page, 'You and Ivy Invite are now connected');
    await page.getByText('No pending invitations').waitFor();

    await page.goto('/mynetwork/connections');
    await expectCount(page.getByRole('list', { name: 'Connections' }).getByRole('listitem'), 3);
    await eventually(async () => {
      const summary = await server.api<{ connections: number }>(rae, 'GET', '/network/summary');
      expect(summary.connections).toBe(3);
    });
    await context.close();
  });
});
