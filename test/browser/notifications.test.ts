/**
 * Notifications (N1) in the browser: Accept / Ignore right on "X invited you to connect", and
 * opening the page marks read only what it showed, with "Mark all as read" for the rest.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  expectCount,
  expectFocus,
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

interface NotificationList {
  items: { id: string; type: string; read: boolean; actor: { name: string } | null }[];
  unreadCount: number;
}

const notificationsOf = (member: Member) =>
  server.api<NotificationList>(member, 'GET', '/notifications?limit=100');

function rowOf(list: Locator, text: string): Locator {
  return list.getByRole('listitem').filter({ hasText: text });
}

describe('notifications', () => {
  it('accepts and ignores an invitation right on its notification', async () => {
    const [nina, omar, pia, quin] = await Promise.all(
      ['Nina Notified', 'Omar Inviter', 'Pia Inviter', 'Quin Inviter'].map((n) => server.signUp(n)),
    );
    await server.invite(omar!, nina!, 'Hello Nina!');
    await server.invite(pia!, nina!);
    await server.invite(quin!, nina!);
    const { context, page } = await openPage(browser, server, nina!);
    await page.goto('/notifications');
    const list = page.getByRole('list', { name: 'Notifications' });
    await expectCount(list.getByRole('listitem'), 3);

    await rowOf(list, 'Omar Inviter').getByRole('button', { name: 'Accept' }).click();
    await expectStatus(page, 'Invitation accepted. You and Omar Inviter are now connected.');
    await expectCount(list.getByRole('listitem'), 2);
    const connections = await server.api<{ items: { member: { id: string } }[] }>(
      nina!,
      'GET',
      '/connections',
    );
    expect(connections.items.map((c) => c.member.id)).toEqual([omar!.id]);

    await rowOf(list, 'Pia Inviter').getByRole('button', { name: 'Ignore' }).click();
    await expectStatus(page, 'Invitation ignored');
    await expectCount(list.getByRole('listitem'), 1);
    // Focus went on to the notification that is left, not back to the top of the page.
    await expectFocus(page, 'Quin Inviter invited you to connect.', 'Quin Inviter');
    const received = await server.api<{ items: { sender: { id: string } }[] }>(
      nina!,
      'GET',
      '/invitations/received',
    );
    expect(received.items.map((i) => i.sender.id)).toEqual([quin!.id]);
    await context.close();
  });

  it('marks read what it showed, not the next page it has not; Mark all as read does the rest', async () => {
    const [rita, ...senders] = await Promise.all(
      [
        'Rita Reader',
        ...Array.from({ length: 22 }, (_, i) => `Sender ${String(i + 1).padStart(2, '0')}`),
      ].map((n) => server.signUp(n)),
    );
    for (const sender of senders) await server.invite(sender, rita!);
    const { context, page } = await openPage(browser, server, rita!);
    await page.goto('/notifications');
    const list = page.getByRole('list', { name: 'Notifications' });
    await expectCount(list.getByRole('listitem'), 20);

    // The twenty shown are read; the two on the next page, not yet shown, are not.
    await eventually(async () => expect((await notificationsOf(rita!)).unreadCount).toBe(2));
    const after = await notificationsOf(rita!);
    expect(after.items.filter((n) => !n.read).map((n) => n.actor?.name)).toEqual(['Sender 02', 'Sender 01']);
    await eventually(async () =>
      expect(await page.getByRole('link', { name: /^Notifications\b/ }).getAttribute('aria-label')).toBe(
        'Notifications, 2 unread',
      ),
    );

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('button', { name: 'Mark all as read' }).waitFor({ state: 'detached' });
    expect((await notificationsOf(rita!)).unreadCount).toBe(0);
    await eventually(async () =>
      expect(await page.getByRole('link', { name: /^Notifications\b/ }).textContent()).toBe('Notifications'),
    );
    await context.close();
  });
});
