/** Trust and safety in the web app: More menus (M1, M2), the restricted Connect dialog and the pending cap (M3), /admin (M4). */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
import {
  allowApiError,
  DESKTOP,
  expectAccessible,
  expectCount,
  expectStatus,
  expectText,
  launchBrowser,
  openPage,
  screenshot,
  PHONE,
  startServer,
  type BrowserServer,
  type Member,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ maxPendingSent: 2 }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const received = (page: Page) => page.getByRole('list', { name: 'Received invitations' });

async function moderator(name: string): Promise<Member> {
  const m = await server.signUp(name);
  await setModerator(server.deps, { email: m.email, moderator: true });
  return m;
}

describe('M1 M2 a received invitation’s More menu', () => {
  it('“I don’t know this person” and Report each take the row away; the sender then needs the email', async () => {
    const [rita, sam, tom] = await Promise.all([
      server.signUp('Rita Recipient'),
      server.signUp('Sam Stranger'),
      server.signUp('Tom Troll'),
    ]);
    const fromSam = await server.invite(sam, rita, 'Hello from Sam');
    await server.invite(tom, rita, 'Buy my course');
    const { context, page } = await openPage(browser, server, rita);
    await page.goto('/mynetwork/invitation-manager/received');
    await expectCount(received(page).getByRole('listitem'), 2);

    const samRow = received(page).getByRole('listitem').filter({ hasText: 'Sam Stranger' });
    await samRow.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'I don’t know this person' }).click();
    await expectStatus(page, 'Sam Stranger now needs your email address');
    await expectCount(received(page).getByRole('listitem'), 1);

    const tomRow = received(page).getByRole('listitem').filter({ hasText: 'Tom Troll' });
    await tomRow.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report Tom Troll’s invitation?' });
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await dialog.getByLabel('Comment (optional)').fill('Sent to everyone I know');
    await expectText(dialog, '23/1000');
    await expectAccessible(page, 'the report dialog');
    await dialog.getByRole('button', { name: 'Report' }).click();
    await expectStatus(page, 'Report sent to the moderators');
    await page.getByText('No pending invitations').waitFor();

    // Sam now needs Rita's email; he is told only what email_required would tell him.
    await server.api(sam, 'POST', `/invitations/${fromSam}/withdraw`);
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { authorization: `Bearer ${sam.token}` },
      payload: { recipientId: rita.id },
    });
    expect(refused.json().code).toBe('invitations_restricted');
    await context.close();
  });

  it('the bulk bar has “I don’t know selected”', async () => {
    const [una, a, b] = await Promise.all([
      server.signUp('Una Unknown'),
      server.signUp('Abe Asker'),
      server.signUp('Bea Asker'),
    ]);
    await server.invite(a, una);
    await server.invite(b, una);
    const { context, page } = await openPage(browser, server, una);
    await page.goto('/mynetwork/invitation-manager/received');
    await expectCount(received(page).getByRole('listitem'), 2);
    await page.getByLabel('Select all').check();
    await page.getByRole('button', { name: 'I don’t know selected (2)' }).click();
    await expectStatus(page, '2 invitations ignored');
    await page.getByText('No pending invitations').waitFor();
    await context.close();
  });

  it('a profile’s More menu reports the member', async () => {
    const [vic, wes] = await Promise.all([server.signUp('Vic Viewer'), server.signUp('Wes Weird')]);
    const { context, page } = await openPage(browser, server, vic);
    await page.goto(`/in/${wes.id}`);
    await page.getByRole('heading', { level: 1, name: 'Wes Weird' }).waitFor();
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report Wes Weird?' });
    await dialog.getByRole('radio', { name: 'Fake profile' }).check();
    await dialog.getByRole('button', { name: 'Report' }).click();
    await expectStatus(page, 'Report sent to the moderators');
    const mo = await moderator('Mia Moderator');
    const queue = await server.api<{ items: { reported: { id: string }; reason: string }[] }>(
      mo,
      'GET',
      '/admin/reports',
    );
    expect(queue.items.find((r) => r.reported.id === wes.id)?.reason).toBe('fake');
    await context.close();
  });
});

describe('M3 restricted senders and the pending cap', () => {
  it('the Connect dialog asks a restricted sender for the email up front, saying why', async () => {
    const mo = await moderator('Max Moderator');
    const [ron, zoe] = await Promise.all([server.signUp('Ron Restricted'), server.signUp('Zoe Target')]);
    await server.api(mo, 'POST', `/admin/members/${ron.id}/restrict`, { days: 7, reason: 'spam wave' });
    const { context, page } = await openPage(browser, server, ron);
    await page.goto(`/in/${zoe.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    await dialog.getByLabel('Email').fill(zoe.email);
    await expectText(dialog, 'invitation you send needs the recipient’s email address');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(page, 'Invitation sent');
    await context.close();
  });

  it('at the cap the Sent tab shows a banner that leads to Withdraw older', async () => {
    const [pia, a, b] = await Promise.all([
      server.signUp('Pia Pending'),
      server.signUp('Ann One'),
      server.signUp('Ben Two'),
    ]);
    await server.invite(pia, a);
    await server.invite(pia, b);
    const { context, page } = await openPage(browser, server, pia);
    await page.goto('/mynetwork/invitation-manager/sent');
    const banner = page.getByRole('region', { name: 'You’ve reached the limit of pending invitations' });
    await expectText(banner, '2 pending invitations');
    await banner.getByRole('button', { name: 'Withdraw older invitations' }).click();
    await expect
      .poll(() => page.evaluate('document.activeElement?.labels?.[0]?.textContent'))
      .toBe('Withdraw all older than');
    await context.close();
  });
});

describe('M4 the moderation console', () => {
  it('is the app’s “page doesn’t exist” for a member', async () => {
    const member = await server.signUp('Nina Nobody');
    const { context, page } = await openPage(browser, server, member);
    allowApiError(page, { status: 404, path: /^\/admin\// });
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'This page doesn’t exist' }).waitFor();
    expect(await page.title()).toBe('Page not found | Rapport');
    await context.close();
  });

  describe('reads at 375 and 1280 px, light and dark, and passes axe', () => {
    let mo: Member;
    let spam: Member;
    beforeAll(async () => {
      mo = await moderator('Pia Moderator');
      const rep = await server.signUp('Ria Reporter');
      spam = await server.signUp('Sid Spammer');
      const id = await server.invite(spam, rep, 'Cheap followers here');
      await server.api(rep, 'POST', '/reports', { invitationId: id, reason: 'spam' });
      await server.api(spam, 'POST', `/invitations/${id}/withdraw`);
    });

    it.each([
      [DESKTOP.width, 'light'],
      [DESKTOP.width, 'dark'],
      [PHONE.width, 'light'],
      [PHONE.width, 'dark'],
    ] as const)('the queue and a member page at %i px, %s', async (width, scheme) => {
      const viewport = width === PHONE.width ? PHONE : DESKTOP;
      const { context, page } = await openPage(browser, server, mo, viewport, scheme);
      await page.goto('/admin');
      await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
      await page.getByRole('heading', { name: 'Reports' }).waitFor();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      const card = page.getByRole('listitem', { name: 'Report on Sid Spammer' });
      await expectText(card, 'Cheap followers here');
      await expectAccessible(page, `the console (${viewport.width}, ${scheme})`);
      const shot = `${viewport === PHONE ? 'phone' : 'desktop'}-admin${scheme === 'dark' ? '-dark' : ''}`;
      await screenshot(page, shot);
      await page.goto(`/admin/members/${spam.id}`);
      await page.getByRole('heading', { name: 'Standing, last 30 days' }).waitFor();
      await expectAccessible(page, `the member page (${viewport.width}, ${scheme})`);
      await screenshot(page, shot.replace('admin', 'admin-member'));
      await context.close();
    });
  });

  it('shows the queue with the snapshot, resolves a report, suspends and lifts from the member page, and lists it all in the audit log', async () => {
    const mo = await moderator('Ola Moderator');
    const [rep, spam] = await Promise.all([server.signUp('Ray Reporter'), server.signUp('Sly Spammer')]);
    const id = await server.invite(spam, rep, 'Cheap followers here');
    await server.api(rep, 'POST', '/reports', { invitationId: id, reason: 'spam' });
    await server.api(spam, 'POST', `/invitations/${id}/withdraw`);

    const { context, page } = await openPage(browser, server, mo);
    await page.goto('/admin');
    const card = page.getByRole('listitem', { name: 'Report on Sly Spammer' });
    await card.getByLabel('Reason for your decision').fill('Seen it before');
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expectStatus(page, 'Report dismissed');
    await expectCount(page.getByRole('listitem', { name: 'Report on Sly Spammer' }), 0);

    await page.getByLabel('Find a member (email or name)').fill('Sly');
    await page.getByRole('button', { name: 'Find' }).click();
    await page
      .getByRole('list', { name: 'Members found' })
      .getByRole('link', { name: 'Sly Spammer' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sly Spammer' }).waitFor();
    await expectText(page.getByRole('main'), 'Not restricted or suspended.');
    await expectAccessible(page, 'the member page');
    await page.getByLabel('Reason', { exact: true }).fill('Spam ring');
    await page.getByRole('button', { name: 'Suspend' }).click();
    await expectStatus(page, 'Member suspended');
    await expectText(page.getByRole('main'), 'Suspended since');
    await page.getByLabel('Reason', { exact: true }).fill('Appeal upheld');
    await page.getByRole('button', { name: 'Lift suspension' }).click();
    await expectStatus(page, 'Suspension lifted');

    await page.goto('/admin');
    const log = page.getByRole('table');
    await expectText(log, 'Appeal upheld');
    await expectText(log, 'Spam ring');
    await expectText(log, 'Seen it before');
    await context.close();
  });
});
