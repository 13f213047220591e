/**
 * The article's walk-through, step by step, in a real browser: sign in, Me → View Profile,
 * My Network → Manage next to Invitations → Sent tab → Withdraw → confirm → gone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  expectCount,
  expectFocus,
  focusInfo,
  expectStatus,
  expectText,
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

const sentList = (page: Page) => page.getByRole('list', { name: 'Sent invitations' });
const receivedList = (page: Page) => page.getByRole('list', { name: 'Received invitations' });
const rowOf = (list: ReturnType<Page['getByRole']>, name: string) =>
  list.getByRole('listitem').filter({ hasText: name });

/** Signs up one member per name, in order: `const [ada, bob] = await people('Ada', 'Bob')`. */
async function people<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: Member }> {
  return (await Promise.all(names.map((name) => server.signUp(name)))) as { [K in keyof N]: Member };
}

describe('the article, step by step', () => {
  it('signs in, views the profile, manages invitations and withdraws one from the Sent tab', async () => {
    const [ada, grace, linus] = await people('Ada Lovelace', 'Grace Hopper', 'Linus Torvalds');
    await server.invite(ada, grace, 'We met at the compilers meetup.');
    await server.invite(ada, linus);
    const { context, page } = await openPage(browser, server, null);

    // Log into your account.
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome, Ada/ }).waitFor();

    // Click on the Me icon at the top, then View Profile.
    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('menuitem', { name: 'View Profile' }).click();
    await page.waitForURL(`**/in/${ada.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

    // Click on the My Network icon, then Manage next to "Invitations".
    await page.getByRole('link', { name: /^My Network\b/ }).click();
    await page.waitForURL('**/mynetwork');
    await page.getByRole('link', { name: 'Manage' }).click();
    await page.waitForURL('**/mynetwork/invitation-manager/received');

    // Two tabs, Received and Sent; click on the Sent tab.
    await page.getByRole('tab', { name: /^Received/ }).waitFor();
    await page.getByRole('tab', { name: /^Sent/ }).click();
    await page.waitForURL('**/mynetwork/invitation-manager/sent');
    await expectText(page.getByRole('tab', { name: /^Sent/ }), 'Sent (2)');
    expect(await page.getByRole('tab', { name: /^Sent/ }).getAttribute('aria-selected')).toBe('true');

    // All the requests sent that have not yet been accepted.
    await expectCount(sentList(page).getByRole('listitem'), 2);
    const graceRow = rowOf(sentList(page), 'Grace Hopper');
    await expectText(graceRow, 'We met at the compilers meetup.');
    await expectText(graceRow, 'Sent just now');
    await expectText(page.getByText(/invitations left this week/), '98 of 100 invitations left this week');

    // Click on the Withdraw button next to their name, and confirm.
    await graceRow.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw invitation?' });
    await dialog.waitFor();
    await expectText(dialog, 'Grace Hopper');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await graceRow.waitFor({ state: 'detached' });
    await expectStatus(page, 'Invitation withdrawn');
    await expectCount(sentList(page).getByRole('listitem'), 1);
    await expectText(page.getByRole('tab', { name: /^Sent/ }), 'Sent (1)');

    // Check the Sent tab again: if the request no longer appears, it worked.
    await page.reload();
    await rowOf(sentList(page), 'Linus Torvalds').waitFor();
    await expectCount(rowOf(sentList(page), 'Grace Hopper'), 0);
    await context.close();
  });

  it('drops the withdrawn invitation from the recipient’s open Received tab live, leaving no notification', async () => {
    const [sender, recipient, other] = await people('Sam Sender', 'Rita Recipient', 'Oscar Other');
    await server.invite(sender, recipient, 'Shall we connect?');
    const senderSide = await openPage(browser, server, sender);
    const recipientSide = await openPage(browser, server, recipient);
    const inbox = recipientSide.page;

    await inbox.goto('/mynetwork/invitation-manager/received');
    await rowOf(receivedList(inbox), 'Sam Sender').waitFor();
    await expectText(inbox.getByRole('tab', { name: /^Received/ }), 'Received (1)');
    // Each top-bar link's name starts with its visible label, the count after it (WCAG 2.5.3).
    const notificationsLink = inbox.getByRole('link', { name: /^Notifications\b/ });
    const networkLink = inbox.getByRole('link', { name: /^My Network\b/ });
    await inbox.getByRole('link', { name: 'Notifications, 1 unread', exact: true }).waitFor();
    await inbox.getByRole('link', { name: 'My Network, 1 pending invitation', exact: true }).waitFor();
    await expectText(notificationsLink, '1');

    // The sender withdraws from their Sent tab.
    const outbox = senderSide.page;
    await outbox.goto('/mynetwork/invitation-manager/sent');
    await rowOf(sentList(outbox), 'Rita Recipient').getByRole('button', { name: 'Withdraw' }).click();
    await outbox
      .getByRole('dialog', { name: 'Withdraw invitation?' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await expectStatus(outbox, 'Invitation withdrawn');

    // The recipient's open page loses it silently: no reload, no message, no badge.
    await rowOf(receivedList(inbox), 'Sam Sender').waitFor({ state: 'detached' });
    await inbox.getByText('No pending invitations').waitFor();
    await expectText(inbox.getByRole('tab', { name: /^Received/ }), 'Received (0)');
    expect(await inbox.getByRole('status').textContent()).toBe('');
    await eventually(async () => expect(await notificationsLink.textContent()).toBe('Notifications'));
    await eventually(async () => expect(await networkLink.textContent()).toBe('My Network'));
    await inbox.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await inbox.getByRole('link', { name: 'My Network', exact: true }).waitFor();

    // A new invitation still appears live.
    await server.invite(other, recipient);
    await rowOf(receivedList(inbox), 'Oscar Other').waitFor();

    // Their notifications show nothing of Sam: only Oscar's invitation.
    await notificationsLink.click();
    await inbox.getByRole('heading', { name: 'Notifications' }).waitFor();
    await expectCount(inbox.getByRole('list', { name: 'Notifications' }).getByRole('listitem'), 1);
    expect(await inbox.getByRole('main').textContent()).not.toContain('Sam Sender');

    // And Sam's profile shows no trace of the invitation.
    await inbox.goto(`/in/${sender.id}`);
    await inbox.getByRole('button', { name: 'Connect' }).waitFor();
    await senderSide.context.close();
    await recipientSide.context.close();
  });

  it('withdraws with the keyboard alone, focus moving into the dialog and back', async () => {
    const [kay, first, second] = await people('Kay Keyboard', 'Fay First', 'Sid Second');
    await server.invite(kay, first);
    await server.invite(kay, second);
    const { context, page } = await openPage(browser, server, kay);
    await page.goto('/mynetwork/invitation-manager/sent');
    await expectCount(sentList(page).getByRole('listitem'), 2);

    const focused = () => focusInfo(page);

    // Tab from the top of the page to the Withdraw button next to Sid Second.
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      found = now.text === 'Withdraw' && now.row.includes('Sid Second');
    }
    expect(found).toBe(true);

    // Escape closes the dialog and returns focus to the button that opened it.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Withdraw invitation?' }).waitFor();
    expect((await focused()).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expectFocus(page, 'Withdraw', 'Sid Second');

    // Enter opens it again; focus starts on Withdraw, so Enter confirms.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Withdraw invitation?' }).waitFor();
    expect(await focused()).toMatchObject({ text: 'Withdraw', inDialog: true });
    await page.keyboard.press('Enter');
    await rowOf(sentList(page), 'Sid Second').waitFor({ state: 'detached' });
    await expectStatus(page, 'Invitation withdrawn');

    // Focus lands on the row that took its place, not lost at the top of the page.
    await expectFocus(page, 'Withdraw', 'Fay First');

    // The Me menu works from the keyboard too: arrows move, Escape returns to the button.
    await page.getByRole('button', { name: 'Me' }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect((await focusInfo(page)).text).toBe('View Profile'));
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect((await focusInfo(page)).text).toBe('Settings'));
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    expect((await focusInfo(page)).text).toMatch(/Me$/);
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect((await focusInfo(page)).text).toBe('View Profile'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/in/${kay.id}`);
    await context.close();
  });
});
