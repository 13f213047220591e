/**
 * People (P1, P2) in the browser: "N mutual connections" with names on Received and Sent rows
 * and on profiles, the list it links to, and People you may know with Connect and Not interested.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHONE,
  expectCount,
  expectFocus,
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

async function connect(a: Member, b: Member): Promise<void> {
  const id = await server.invite(a, b);
  await server.api(b, 'POST', `/invitations/${id}/accept`);
}

function rowOf(list: Locator, name: string): Locator {
  return list.getByRole('listitem').filter({ has: list.page().getByRole('link', { name, exact: true }) });
}

function suggestionsOf(page: Page): Locator {
  return page.getByRole('region', { name: 'People you may know' });
}

/**
 * Vera's network, counted by hand: she is connected to Grace, Alan and Kate. Bob knows all three
 * (3 mutual) and invited her; Dora knows Grace (1 mutual) and Vera invited her. Eve knows Grace
 * and Alan (2 mutual), Carl knows Kate (1 mutual): neither is invited, so both are suggested,
 * Eve first.
 */
async function network() {
  const [vera, grace, alan, kate, bob, dora, eve, carl] = await Promise.all(
    [
      'Vera Viewer',
      'Grace Hopper',
      'Alan Turing',
      'Kate Johnson',
      'Bob Builder',
      'Dora Explorer',
      'Eve Adams',
      'Carl Sagan',
    ].map((name) => server.signUp(name)),
  );
  for (const friend of [grace!, alan!, kate!]) await connect(vera!, friend);
  for (const friend of [grace!, alan!, kate!]) await connect(bob!, friend);
  await connect(dora!, grace!);
  await connect(eve!, grace!);
  await connect(eve!, alan!);
  await connect(carl!, kate!);
  await server.invite(bob!, vera!, 'We share three friends!');
  await server.invite(vera!, dora!);
  return {
    vera: vera!,
    grace: grace!,
    alan: alan!,
    kate: kate!,
    bob: bob!,
    dora: dora!,
    eve: eve!,
    carl: carl!,
  };
}

describe('mutual connections (P1)', () => {
  it('shows the count and names on Received and Sent rows and on the profile, and lists them', async () => {
    const { vera, bob, dora } = await network();
    const { context, page } = await openPage(browser, server, vera);

    await page.goto('/mynetwork/invitation-manager/received');
    const bobRow = rowOf(page.getByRole('list', { name: 'Received invitations' }), 'Bob Builder');
    await expectText(bobRow, '3 mutual connections: ');
    for (const name of ['Grace Hopper', 'Alan Turing', 'Kate Johnson']) await expectText(bobRow, name);
    expect(await bobRow.textContent()).toMatch(/connections: [\w ]+, [\w ]+ and [\w ]+We share/);

    await page.goto('/mynetwork/invitation-manager/sent');
    const doraRow = rowOf(page.getByRole('list', { name: 'Sent invitations' }), 'Dora Explorer');
    await expectText(doraRow, '1 mutual connection: Grace Hopper');

    await page.goto(`/in/${bob.id}`);
    await page.getByRole('heading', { level: 1, name: 'Bob Builder' }).waitFor();
    await page.getByRole('link', { name: '3 mutual connections' }).click();
    await page.waitForURL(`**/in/${bob.id}/mutual`);
    await page.getByRole('heading', { level: 1, name: 'Mutual connections with Bob Builder' }).waitFor();
    const list = page.getByRole('list', { name: 'Mutual connections' });
    await expectCount(list.getByRole('listitem'), 3);
    for (const name of ['Grace Hopper', 'Alan Turing', 'Kate Johnson']) {
      await list.getByRole('link', { name, exact: true }).waitFor();
    }

    // The sent invitation's profile says it too.
    await page.goto(`/in/${dora.id}`);
    await page.getByRole('heading', { level: 1, name: 'Dora Explorer' }).waitFor();
    await expectText(page.getByRole('main'), '1 mutual connection');
    await context.close();
  });

  it('says nothing about mutual connections where there are none', async () => {
    const [lone, other] = await Promise.all([server.signUp('Lone Wolf'), server.signUp('Other Person')]);
    await server.invite(other, lone);
    const { context, page } = await openPage(browser, server, lone);
    await page.goto('/mynetwork/invitation-manager/received');
    const row = rowOf(page.getByRole('list', { name: 'Received invitations' }), 'Other Person');
    await row.waitFor();
    expect(await row.textContent()).not.toContain('mutual');
    await context.close();
  });
});

describe('people you may know (P2)', () => {
  it('Connect opens the profile’s dialog and sends; Not interested is remembered', async () => {
    const { vera, eve, carl } = await network();
    const { context, page } = await openPage(browser, server, vera);

    await page.goto('/mynetwork');
    const section = suggestionsOf(page);
    await expectCount(section.getByRole('listitem'), 2);
    // Most mutual connections first; nobody invited either way, nobody connected.
    expect(await section.getByRole('listitem').first().textContent()).toContain('Eve Adams');
    await expectText(rowOf(section, 'Eve Adams'), '2 mutual connections');
    await expectText(rowOf(section, 'Carl Sagan'), '1 mutual connection');

    await rowOf(section, 'Eve Adams').getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note to your invitation?' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Grace says hello!');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(page, 'Invitation sent to Eve Adams');
    await expectCount(section.getByRole('listitem'), 1);
    const sent = await server.api<{ items: { recipient: { id: string }; message: string | null }[] }>(
      vera,
      'GET',
      '/invitations/sent',
    );
    expect(sent.items.find((i) => i.recipient.id === eve.id)?.message).toBe('Grace says hello!');

    await rowOf(section, 'Carl Sagan').getByRole('button', { name: 'Not interested' }).click();
    await expectStatus(page, 'Carl Sagan won’t be suggested to you again');
    await expectText(section, 'No more suggestions for now.');

    // Remembered: not on a fresh page either, nor in the API.
    await page.goto('/');
    await page.getByRole('heading', { name: /Welcome, Vera/ }).waitFor();
    const again = await server.api<{ items: { member: { id: string } }[] }>(
      vera,
      'GET',
      '/network/suggestions',
    );
    expect(again.items.map((s) => s.member.id)).not.toContain(carl.id);
    expect(await suggestionsOf(page).count()).toBe(0);
    await context.close();
  });

  it('shows on the home page too, and works at phone width', async () => {
    const { vera } = await network();
    const { context, page } = await openPage(browser, server, vera, PHONE);
    await page.goto('/');
    const section = suggestionsOf(page);
    await expectCount(section.getByRole('listitem'), 2);
    await rowOf(section, 'Carl Sagan').getByRole('button', { name: 'Connect' }).click();
    await page
      .getByRole('dialog', { name: 'Add a note to your invitation?' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    // Cancel keeps the card and gives focus back to its Connect button.
    await expectCount(section.getByRole('listitem'), 2);
    await expectFocus(page, 'Connect', 'Carl Sagan');
    await context.close();
  });
});
