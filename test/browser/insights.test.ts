/**
 * The insights page (I11, issue 12 item 12): rates say what they are of and how many they
 * stand on, an empty chart says so, and the chart reads at phone width with whole-number axes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectCount,
  expectText,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  type BrowserServer,
  type Member,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;
let ana: Member;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const [sender, bo, cy, di] = await Promise.all(
    ['Ana Analyst', 'Bo Accepter', 'Cy Pending', 'Di Pending'].map((name) => server.signUp(name)),
  );
  ana = sender!;
  // Three invitations with a note, one a week: one accepted, two still pending. No week holds
  // more than one of anything.
  const toBo = await server.clock.daysAgo(15, () => server.invite(ana, bo!, 'We met in Porto.'));
  await server.clock.daysAgo(15, () => server.api(bo!, 'POST', `/invitations/${toBo}/accept`));
  await server.clock.daysAgo(8, () => server.invite(ana, cy!, 'Fellow analyst here.'));
  await server.invite(ana, di!, 'Your talk was great.');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const chart = (page: Page) => page.getByRole('img', { name: 'Invitations per week' });

/** The insights page, drawn: three Sent bars and one Accepted bar. */
async function openInsights(page: Page): Promise<void> {
  await page.goto('/mynetwork/insights');
  await expectCount(chart(page).locator('path.recharts-rectangle'), 4);
}

describe('invitation insights', () => {
  it('says the rate is of decided invitations, and how many are decided and pending', async () => {
    const { context, page } = await openPage(browser, server, ana);
    await openInsights(page);
    const rates = page.getByRole('region', { name: 'Acceptance rate' });
    await expectText(rates, 'Of the invitations already decided: accepted, withdrawn or expired');
    const withNote = rates.locator('.stats__item').filter({ hasText: 'Accepted, with a note' });
    await expectText(withNote, '100%');
    await expectText(withNote, '1 of 1 decided · 2 pending');
    const withoutNote = rates.locator('.stats__item').filter({ hasText: 'Accepted, without a note' });
    await expectText(withoutNote, '—');
    await expectText(withoutNote, 'None decided yet');
    await expectAccessible(page, 'insights');
    await context.close();
  });

  it('counts the y-axis in whole invitations up to the tallest bar', async () => {
    const { context, page } = await openPage(browser, server, ana);
    await openInsights(page);
    const ticks = await chart(page).locator('.recharts-yAxis-tick-labels text').allTextContents();
    expect(ticks).toEqual(['0', '1']);
    await context.close();
  });

  // Four bars a week in 12 weeks left 2 px each on a phone; Sent beside one stack of outcomes leaves 9.
  it('draws bars a phone user can see at 375 px', async () => {
    const { context, page } = await openPage(browser, server, ana, PHONE);
    await openInsights(page);
    const widths = await chart(page)
      .locator('path.recharts-rectangle')
      .evaluateAll((bars) =>
        bars.map((bar) => (bar as unknown as { getBBox(): { width: number } }).getBBox().width),
      );
    expect(widths).toHaveLength(4);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(8);
    await context.close();
  });

  it('says so when there is nothing to draw', async () => {
    const newcomer = await server.signUp('Nel Newcomer');
    const { context, page } = await openPage(browser, server, newcomer);
    await page.goto('/mynetwork/insights');
    await expectText(page.getByRole('figure', { name: 'Invitations per week' }), 'nothing to draw yet');
    expect(await chart(page).count()).toBe(0);
    await expectText(page.getByRole('region', { name: 'Acceptance rate' }), 'None decided yet');
    await expectAccessible(page, 'empty insights');
    await context.close();
  });

  it('writes screenshots at 375 and 1280 px, light and dark', async () => {
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await openPage(browser, server, ana, viewport);
        await page.emulateMedia({ colorScheme });
        await openInsights(page);
        await screenshot(page, `${label}-${colorScheme}-insights`);
        await context.close();
      }
    }
  });
});
